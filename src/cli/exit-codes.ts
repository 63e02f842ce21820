/** Exit codes scripts can rely on (documented in the README). */
export const EXIT = {
  /** Success: everything was read and written (for `check`: nothing would change). */
  OK: 0,
  /** `check`: some files would change. */
  CHANGES: 1,
  /** Some files failed, the configuration or a rule file is invalid, or the command line is wrong. */
  ERROR: 2,
} as const;
