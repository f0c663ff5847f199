import type { MessageKey } from '../i18n/index.ts';

/** What the router hands a view: the element to draw into and the path that was opened. */
export interface ViewContext {
  outlet: HTMLElement;
  path: string;
}

/** A mounted view; `unmount` releases the map, listeners and timers it holds. */
export interface MountedView {
  unmount(): void;
}

/** Every view module (web/<view>/index.ts) exports these; the router imports it only when its path opens. */
export interface ViewModule {
  /** page title key, shown with the product name */
  titleKey: MessageKey;
  mount(ctx: ViewContext): MountedView | Promise<MountedView>;
}
