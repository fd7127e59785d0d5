/** The model index over a loaded snapshot: subnet → route table / NACL fallbacks, SG ↔ ENI, notebooks. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/snapshot/load.js";
import { indexModel } from "../../src/model/indexes.js";
import { BATFISH, makeFolder } from "../snapshot/helpers.js";

describe("indexModel", () => {
  it("falls back to the main route table and the default NACL (Batfish nat-gateway)", async () => {
    const index = indexModel(await loadModel(join(BATFISH, "nat-gateway")));
    const table = index.routeTableOfSubnet("subnet-02ff259e663e9613e");
    expect(table?.how).toBe("main");
    expect(table?.value.isMain).toBe(true);
    expect(index.routeTableOfSubnet("subnet-0428892a357fa1f94")).toMatchObject({ how: "explicit", value: { id: "rtb-0ddf14681733ed0b7" } });
    expect(index.networkAclOfSubnet("subnet-0428892a357fa1f94")).toMatchObject({ how: "explicit", value: { id: "acl-0792adae678b88f85" } });
    expect(index.subnetsUsingRouteTable(table?.value.id ?? "").map((s) => s.id)).toEqual(["subnet-02ff259e663e9613e"]);
    expect(index.vpcCidrs("vpc-0008a7b45e3ddf1dd")).toEqual(["10.1.0.0/16"]);
    expect(index.interfaceByPrivateIp("vpc-0008a7b45e3ddf1dd", "10.1.250.116")?.attachedInstanceId).toBe("i-0b31b509174d7f5de");
    expect(index.instanceOfInterface("eni-068fb5a0a9a57f23c")?.id).toBe("i-0b31b509174d7f5de");
    expect(index.interfacesWithSecurityGroup("sg-0253af84ae6485905").length).toBeGreaterThan(0);
  });

  it("finds a notebook by its ENI and prefix-list CIDRs", async () => {
    const index = indexModel(
      await loadModel(
        makeFolder({
          "us-east-1/PrefixLists.json": { PrefixLists: [{ PrefixListId: "pl-1", PrefixListName: "com.amazonaws.us-east-1.s3", Cidrs: ["52.216.0.0/15"] }] },
          "us-east-1/nb.json": { NotebookInstanceName: "nb", SubnetId: "subnet-1", NetworkInterfaceId: "eni-nb", DirectInternetAccess: "Disabled" },
        }),
      ),
    );
    expect(index.notebookOfInterface("eni-nb")?.id).toBe("nb");
    expect(index.prefixListCidrs("pl-1")).toEqual(["52.216.0.0/15"]);
    expect(index.prefixListCidrs("pl-unknown")).toBeUndefined();
  });
});
