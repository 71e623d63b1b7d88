// The localStorage key of the first-frame snapshot (snapshot.ts), in a module with no imports so the bench can read it under Node.

/** Versioned: a build that changes the snapshot's shape reads nothing from an older one. */
export const SNAPSHOT_KEY = 'fastpath.snapshot.v1';

/** The message the offscreen document (Chrome) sends once it has removed the snapshot for the service worker. */
export const SNAPSHOT_CLEARED = 'fastpath:snapshot-cleared';
