/**
 * Sets a property as Object.fromEntries would: a key "__proto__" becomes an own property, never
 * the object's prototype (view models and expanded cards are built key by key from data).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
