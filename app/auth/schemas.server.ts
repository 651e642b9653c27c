import { z } from "zod";

import { hasControlChars } from "~/lib/text";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from "./rules";

export { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN };

// The most common passwords that still meet the length rule; refused outright.
const COMMON = new Set([
  "password123",
  "password1234",
  "1234567890",
  "qwertyuiop",
  "iloveyou123",
  "123456789a",
  "qwerty12345",
  "1q2w3e4r5t",
  "passw0rd123",
  "letmein1234",
  "welcome123",
  "administrator",
  "abcdefghij",
  "0123456789",
  "1111111111",
  "changeme123",
]);

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters.`)
  .pipe(z.email("Enter a valid email address, like name@company.com."))
  .transform((e) => e.toLowerCase());

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => !COMMON.has(p.toLowerCase()), "That password is too common; choose another.");

/** Checks the password against the email after both parsed, so the message lands on the password field. */
function passwordNotEmail<T extends { email: string; password: string }>(v: T, ctx: z.RefinementCtx) {
  const local = v.email.split("@")[0] ?? "";
  const lower = v.password.toLowerCase();
  if (lower === v.email || (local.length >= 4 && lower.includes(local))) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "Your password must not contain your email address." });
  }
}

export const redirectToField = z
  .string()
  .max(2000)
  .optional()
  .transform((v) => v ?? "");

export const SignInSchema = z.object({
  email: emailField,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(PASSWORD_MAX, "Email or password is wrong."),
  redirectTo: redirectToField,
});

export const SignUpSchema = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(100, "A name has at most 100 characters.")
      .refine((s) => !hasControlChars(s), "A name cannot contain control characters."),
    email: emailField,
    departmentId: z.coerce
      .number({ error: "Choose your department." })
      .int("Choose your department.")
      .positive("Choose your department.")
      .max(2_147_483_647, "Choose your department."),
    password: newPasswordField,
    redirectTo: redirectToField,
  })
  .superRefine(passwordNotEmail);

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(PASSWORD_MAX),
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: "Repeat the new password." }),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords differ." });
    }
    if (v.newPassword === v.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from the current one." });
    }
  });
