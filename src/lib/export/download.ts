/** Saves a blob as a file through a temporary object URL (browser only). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** A file name from the preset and the input size, e.g. resnet50_224x224.csv. */
export function exportName(preset: string | null, input: [number, number], ext: string): string {
  return `${preset ?? 'custom'}_${input[0]}x${input[1]}.${ext}`;
}
