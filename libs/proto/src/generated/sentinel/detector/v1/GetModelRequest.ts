// Original file: sentinel/detector/v1/detector.proto


export interface GetModelRequest {
  /**
   * Also send the serving model's workflows (ModelInfo.workflows; they grow with the templates).
   */
  'include_workflows'?: (boolean);
}

export interface GetModelRequest__Output {
  /**
   * Also send the serving model's workflows (ModelInfo.workflows; they grow with the templates).
   */
  'include_workflows': (boolean);
}
