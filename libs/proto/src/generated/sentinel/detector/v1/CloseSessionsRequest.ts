// Original file: sentinel/detector/v1/detector.proto


export interface CloseSessionsRequest {
  /**
   * Sessions to close (as DetectResult.session_id reports them).
   */
  'session_ids'?: (string)[];
  /**
   * When true, the verdicts are computed but the sessions stay open (pure inference).
   */
  'dry_run'?: (boolean);
}

export interface CloseSessionsRequest__Output {
  /**
   * Sessions to close (as DetectResult.session_id reports them).
   */
  'session_ids': (string)[];
  /**
   * When true, the verdicts are computed but the sessions stay open (pure inference).
   */
  'dry_run': (boolean);
}
