import { describe, expect, it } from "vitest";
import { AppError } from "@hks/contracts";
import { errorMessageOf, formErrorsFrom } from "./api-form-errors";

const fieldOf = { "body.name": "name", "body.quota": "quota", "body.quota.cpuMillicores": "cpu" } as const;

describe("formErrorsFrom", () => {
  it("puts each detail on its field by the longest matching prefix and keeps the API's message", () => {
    const error = new AppError("QUOTA_EXCEEDED", "The workspace does not have that much left for its projects", {
      details: [
        { field: "body.quota.cpuMillicores", message: "8000 wanted, free: 4000" },
        { field: "body.quota.memoryMib", message: "9000 wanted, free: 8192" },
      ],
    });
    expect(formErrorsFrom(error, fieldOf)).toEqual({
      message: "The workspace does not have that much left for its projects",
      fields: { cpu: "8000 wanted, free: 4000", quota: "9000 wanted, free: 8192" },
    });
  });

  it("summarizes a validation failure whose every detail found its field", () => {
    const error = new AppError("VALIDATION_FAILED", "The request is invalid: body.name: lower-case letters…", {
      details: [{ field: "body.name", message: "lower-case letters…" }],
    });
    expect(formErrorsFrom(error, fieldOf)).toEqual({ message: "Some fields need attention.", fields: { name: "lower-case letters…" } });
  });

  it("keeps the full message when a detail names no field of the form", () => {
    const error = new AppError("VALIDATION_FAILED", "The request is invalid: body.parentId: too long", { details: [{ field: "body.parentId", message: "too long" }] });
    expect(formErrorsFrom(error, fieldOf)).toEqual({ message: "The request is invalid: body.parentId: too long", fields: {} });
  });

  it("does not mistake a longer name for a prefix", () => {
    const error = new AppError("VALIDATION_FAILED", "bad", { details: [{ field: "body.namespace", message: "nope" }] });
    expect(formErrorsFrom(error, fieldOf).fields).toEqual({});
  });

  it("says the request did not get through when the failure is not the API's", () => {
    expect(formErrorsFrom(new TypeError("Failed to fetch"), fieldOf).message).toMatch(/could not be sent/);
    expect(errorMessageOf(new TypeError("Failed to fetch"))).toMatch(/could not be sent/);
    expect(errorMessageOf(new AppError("INVALID_STATE", "A workspace that is STOPPED cannot be stopped now"))).toBe("A workspace that is STOPPED cannot be stopped now");
  });
});
