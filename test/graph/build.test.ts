/** The reachability graph: nodes per component, sinks, labelled edges, topological paths. */
import { describe, expect, it } from "vitest";
import { buildGraph, INTERNET_NODE, MANAGED_NETWORK_NODE, shortServiceName, topologicalPath } from "../../src/graph/index.js";
import { indexModel } from "../../src/model/indexes.js";
import { TestModel } from "../engine/helpers/model-builder.js";

function network() {
  const t = new TestModel();
  const vpc = t.vpc("10.0.0.0/16");
  const other = t.vpc("10.9.0.0/16");
  const pub = t.subnet(vpc, "10.0.0.0/24");
  const priv = t.subnet(vpc, "10.0.1.0/24");
  const igw = t.igw(vpc);
  const pubRtb = t.routeTable(vpc, [pub], [["0.0.0.0/0", igw]]);
  const nat = t.nat(pub);
  const privRtb = t.routeTable(vpc, [priv], [["0.0.0.0/0", nat]]);
  const vpce = t.gatewayEndpoint(vpc, "s3", [privRtb]);
  const api = t.interfaceEndpoint(vpc, "sagemaker.api", [priv]);
  t.notebook("nb", { subnet: priv, direct: true });
  const model = t.build();
  return { model, g: buildGraph(model, indexModel(model)), vpc, other, pub, priv, igw, nat, pubRtb, privRtb, vpce, api };
}

describe("buildGraph", () => {
  it("has a node per component and the sinks", () => {
    const { g, vpc, pub, igw, nat, vpce, api, privRtb } = network();
    for (const id of [vpc, pub, igw, nat, vpce, api, privRtb, "notebook/nb", INTERNET_NODE, MANAGED_NETWORK_NODE, "service:s3", "service:sagemaker.api"]) expect(g.hasNode(id), id).toBe(true);
    expect(g.getNodeAttribute(nat, "kind")).toBe("nat-gateway");
    expect(g.getNodeAttribute(api, "kind")).toBe("interface-endpoint");
  });

  it("labels edges with what creates them", () => {
    const { g, priv, privRtb, nat, vpce, igw, vpc } = network();
    expect(g.getEdgeAttributes(priv, privRtb)).toEqual({ kind: "association", label: "explicit" });
    expect(g.getEdgeAttributes(privRtb, nat)).toMatchObject({ kind: "route", label: "0.0.0.0/0" });
    expect(g.getEdgeAttribute(privRtb, vpce, "kind")).toBe("route");
    expect(g.getEdgeAttribute(vpc, igw, "kind")).toBe("attachment");
    expect(g.hasEdge("notebook/nb", MANAGED_NETWORK_NODE)).toBe(true);
  });

  it("answers topological reachability", () => {
    const { g, priv, other } = network();
    expect(topologicalPath(g, priv, INTERNET_NODE)).toBeDefined();
    expect(topologicalPath(g, priv, other)).toBeUndefined();
  });

  it("short service names", () => {
    expect(shortServiceName("com.amazonaws.us-east-1.sagemaker.runtime")).toBe("sagemaker.runtime");
    expect(shortServiceName("aws.sagemaker.us-east-1.notebook")).toBe("notebook");
  });
});
