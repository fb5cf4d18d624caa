import { findGpu, GPU_NAMES, GPUS, gpuTflops, parsePrecision } from "../../src/model/gpus";

describe("GPU table", () => {
  test("A100 dense FP16 is 312 TFLOPS, the figure both the Minsheng note (表1) and NVIDIA's datasheet use", () => {
    expect(gpuTflops("A100")).toBe(312);
    expect(gpuTflops("a100", "TF32")).toBe(156);
  });

  test("dense, not sparse: H100 SXM is 989.4 FP16 / 1,978.9 FP8, half the datasheet's asterisked 1,979 / 3,958", () => {
    expect(gpuTflops("H100")).toBe(989.4);
    expect(gpuTflops("H100 SXM", "FP8")).toBe(1978.9);
    expect(Math.abs(gpuTflops("H100") - 1979 / 2)).toBeLessThan(0.2);
  });

  test("every GPU the issue names is present and each entry cites a source", () => {
    for (const name of ["A100", "A800", "H100 SXM", "H100 PCIe", "H800", "H20", "H200", "L40S", "B200", "MI300X", "Ascend 910"]) {
      expect(GPU_NAMES).toContain(name);
    }
    for (const g of GPUS) {
      expect(g.source.length).toBeGreaterThan(10);
      expect(g.tflops.FP16).toBeGreaterThan(0);
    }
  });

  test("names match ignoring case, spaces and dashes; aliases resolve", () => {
    expect(findGpu("h100-pcie").name).toBe("H100 PCIe");
    expect(findGpu("昇腾910").name).toBe("Ascend 910");
    expect(findGpu("mi300x").tflops.FP8).toBe(2614.9);
  });

  test("an unknown GPU is #N/A listing the known names", () => {
    expect(() => findGpu("RTX 4090")).toThrow(/unknown GPU "RTX 4090"; known: A100, A800/);
  });

  test("a precision the vendor does not publish is #N/A, not 0", () => {
    expect(() => gpuTflops("A100", "FP8")).toThrow(/A100 has no published dense FP8 figure; published: FP16, TF32/);
    expect(() => gpuTflops("MI300X", "TF32")).toThrow(/no published dense TF32/);
  });

  test("BF16 and FP16 are one figure; unknown precisions are rejected", () => {
    expect(parsePrecision("bf16")).toBe("FP16");
    expect(parsePrecision(" BF16/FP16 ")).toBe("FP16");
    expect(() => parsePrecision("INT4")).toThrow(/unknown precision/);
  });
});
