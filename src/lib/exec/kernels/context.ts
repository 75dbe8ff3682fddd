/** What a kernel may know of the run beyond its own inputs. */
export interface KernelContext {
  /**
   * [height, width] of the image as torchvision's RoI heads are told it (`image_sizes`): after the
   * detection transform's resize and before its padding, or the input size when there is no transform.
   */
  imageSize: [number, number];
}
