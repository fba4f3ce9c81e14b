import { AllowList, checkLiteralHost, isForbiddenAddress } from "../../../src/ingest/ssrf";

describe("isForbiddenAddress", () => {
  it.each([
    "127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "2002:c0a8:101::1", "[::1]",
  ])("refuses %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "172.32.0.1", "100.128.0.1"])("allows %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

describe("checkLiteralHost", () => {
  const none = new AllowList([]);
  it("refuses numeric forms of loopback once the URL parser has normalized them", () => {
    for (const url of ["http://0x7f.1/", "http://2130706433/", "http://0177.0.0.1/", "http://127.1/", "http://[::ffff:127.0.0.1]/"]) {
      expect(() => checkLiteralHost(new URL(url).hostname, none)).toThrow(/FETCH_ALLOW_HOSTS/);
    }
  });

  it("lets listed addresses and networks through", () => {
    expect(() => checkLiteralHost("127.0.0.1", new AllowList(["127.0.0.1"]))).not.toThrow();
    expect(() => checkLiteralHost("10.2.3.4", new AllowList(["10.0.0.0/8"]))).not.toThrow();
    expect(() => checkLiteralHost("10.2.3.4", new AllowList(["127.0.0.1"]))).toThrow(/refused/);
  });
});
