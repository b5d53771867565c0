// Original file: sentinel/detector/v1/detector.proto


export interface GetModelRequest {
}

export interface GetModelRequest__Output {
}
