// Original file: sentinel/detector/v1/detector.proto


export interface WorkflowNode {
  'template_id'?: (string);
  'template'?: (string);
}

export interface WorkflowNode__Output {
  'template_id': (string);
  'template': (string);
}
