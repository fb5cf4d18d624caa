import { forwardPe } from "../../src/model/valuation";

describe("forward P/E (Huaxin note, 重点关注公司及盈利预测)", () => {
  test("浪潮信息 2023E: 30.38 / 2.07 = 14.68, as printed", () => {
    expect(forwardPe(30.38, 2.07)).toBeCloseTo(14.68, 2);
  });
  test("中际旭创 2024E: 127.00 / 5.01 = 25.35, as printed", () => {
    expect(forwardPe(127.0, 5.01)).toBeCloseTo(25.35, 2);
  });
  test("寒武纪-U 2023E EPS -2.06: not meaningful unless asked for", () => {
    expect(() => forwardPe(115.4, -2.06)).toThrow(/negative/);
    expect(forwardPe(115.4, -2.06, true)).toBeCloseTo(-56.02, 2);
  });
  test("EPS 0 is a division by zero", () => {
    expect(() => forwardPe(10, 0)).toThrow(expect.objectContaining({ code: "DIV0" }));
  });
});
