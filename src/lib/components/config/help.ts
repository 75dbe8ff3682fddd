/** Control labels and help text come from the shared key schema, so the CLI and the site agree. */
import { KEY_BY_NAME } from '../../models/schema';

export const helpFor = (key: string): string => KEY_BY_NAME.get(key)?.help ?? '';

/** Unique ids per panel instance (the compare page shows two). */
let counter = 0;
export const nextId = (): number => ++counter;
export const uid = (key: string): string => `cfg-${key}-${nextId()}`;
