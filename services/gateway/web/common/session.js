// Who is signed in: the official's bearer token, kept on this device, and its claims.

const key = (app) => `clearway.${app}.token`;

/** The claims of a JWT, read without verifying it: the gateway verifies, we only display. */
export function claimsOf(token) {
  const [, payload] = token.trim().split('.');
  if (!payload) throw new Error('not a JWT');
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function loadSession(app) {
  const token = localStorage.getItem(key(app));
  if (!token) return null;
  try {
    const claims = claimsOf(token);
    if (claims.exp * 1000 <= Date.now()) return null;
    return { token, claims };
  } catch {
    return null;
  }
}

export function saveSession(app, token) {
  localStorage.setItem(key(app), token.trim());
  return loadSession(app);
}

export function endSession(app) {
  localStorage.removeItem(key(app));
}

/** Development only: the demo identities the gateway offers (404 in production). */
export async function demoIdentities(role) {
  try {
    const response = await fetch('/dev/demo-identities');
    if (!response.ok) return [];
    return (await response.json()).filter((identity) => identity.role === role);
  } catch {
    return [];
  }
}

export async function demoToken(subject) {
  const response = await fetch(`/dev/demo-identities/${encodeURIComponent(subject)}/token`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()).token;
}
