/** Network primitives: IPv4 addresses, CIDRs, interval sets of addresses and ports, protocols. */
export * from "./ipv4.js";
export * from "./cidr.js";
export * from "./interval-set.js";
export * from "./protocol.js";
export * from "./ranges.js";
export * from "./set-memo.js";
