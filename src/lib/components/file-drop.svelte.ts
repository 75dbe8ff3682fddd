/**
 * A drop target for files (the import panel, the weights picker, the anchors view's image): the
 * browser's default (opening the file) is prevented, `over` says whether a drag is over the target,
 * for its highlight, and the dropped files go to `take`. Spread `handlers` on the element.
 */
export class FileDrop {
  over = $state(false);

  constructor(take: (files: FileList | undefined) => void) {
    this.handlers = {
      ondragover: (e: DragEvent) => {
        e.preventDefault();
        this.over = true;
      },
      ondragleave: () => {
        this.over = false;
      },
      ondrop: (e: DragEvent) => {
        e.preventDefault();
        this.over = false;
        take(e.dataTransfer?.files);
      }
    };
  }

  readonly handlers: {
    ondragover: (e: DragEvent) => void;
    ondragleave: () => void;
    ondrop: (e: DragEvent) => void;
  };
}
