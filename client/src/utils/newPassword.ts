import { zh } from '../text/zh'

/**
 * The check both new-password forms (修改密码, 找回密码) make before sending: every field filled in,
 * and the new password typed the same twice. What a good password is, the server says.
 * Returns the field errors and the notice to show, or null when the form may be sent.
 */
export function newPasswordProblem(
  filled: string[],
  form: { newPassword: string; repeatPassword: string },
): { errors: Record<string, string>; notice: { ok: false; text: string } } | null {
  const t = zh.account
  if (filled.some((v) => !v.trim()) || !form.newPassword || !form.repeatPassword) return { errors: {}, notice: { ok: false, text: t.fillAll } }
  if (form.newPassword !== form.repeatPassword) return { errors: { repeatPassword: t.passwordMismatch }, notice: { ok: false, text: t.fixErrors } }
  return null
}
