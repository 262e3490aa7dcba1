/** Validation of a contact-form submission: every field checked, every problem reported. */

/** A valid submission, trimmed. */
export interface ContactInput {
  name: string;
  email: string;
  message: string;
}

/** The outcome: the clean input, or one message per bad field. */
export type ContactValidation =
  { ok: true; value: ContactInput } | { ok: false; errors: Record<string, string> };

/** Field limits, in characters (code points, as MySQL counts them in utf8mb4). */
export const CONTACT_LIMITS = { name: 255, email: 255, message: 5_000 } as const;

// Pragmatic address check: one @, no spaces, a dot in the domain, labels without leading/trailing hyphens.
const EMAIL =
  /^[^\s@"<>()[\]\\,;:]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Checks a parsed JSON or form body. */
export function validateContact(body: unknown): ContactValidation {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const name = text(input.name, 'name', errors);
  const email = text(input.email, 'email', errors);
  const message = text(input.message, 'message', errors);

  if (name !== undefined) {
    if (length(name) === 0) errors.name = 'Please enter your name.';
    else if (length(name) > CONTACT_LIMITS.name)
      errors.name = `Name must be at most ${CONTACT_LIMITS.name} characters.`;
  }
  if (email !== undefined) {
    if (length(email) === 0) errors.email = 'Please enter your email address.';
    else if (length(email) > CONTACT_LIMITS.email)
      errors.email = `Email must be at most ${CONTACT_LIMITS.email} characters.`;
    else if (!EMAIL.test(email) || email.split('@')[0].length > 64)
      errors.email = 'Please enter a valid email address, like name@example.com.';
  }
  if (message !== undefined && length(message) > CONTACT_LIMITS.message) {
    errors.message = `Message must be at most ${CONTACT_LIMITS.message} characters (it has ${length(message)}).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name: name!, email: email!, message: message! } };
}

// Strings only: a form body can carry arrays (`name=a&name=b`) and JSON can carry anything.
function text(value: unknown, field: string, errors: Record<string, string>): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    errors[field] = `${field[0].toUpperCase()}${field.slice(1)} must be text.`;
    return undefined;
  }
  // The message is stored exactly as typed; names and addresses lose stray surrounding spaces.
  return field === 'message' ? value : value.trim();
}

function length(value: string): number {
  return [...value].length;
}
