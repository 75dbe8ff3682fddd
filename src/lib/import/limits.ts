/** How much an import reads, and how its messages name files (no parser here: the site loads this eagerly). */
import { quoteInput } from '../quote-input';

/** Config files are a few kilobytes; anything near this is a weights file or a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_FILES = 32;
/** A file as messages name it: its last path segment, quoted (the folders are in the report's file list). */
export const fileLabel = (name: string) => quoteInput(name.split(/[\\/]/).pop() || name);

export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/** The message for a file over the limit, before anything reads it (the site checks File.size). */
export function tooLarge(name: string, bytes: number): string | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  return `${fileLabel(name)} is ${sizeText(bytes)}: config files are a few kilobytes and ArchScope reads at most ${sizeText(MAX_FILE_BYTES)} per file (a weights file or a log is not a config)`;
}
