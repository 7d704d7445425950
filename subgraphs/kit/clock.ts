/** Milliseconds since the epoch. Sessions and lockouts take one, so tests can move time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
