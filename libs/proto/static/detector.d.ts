import * as $protobuf from "protobufjs";
import Long = require("long");
/** Namespace sentinel. */
export namespace sentinel {

    /** Namespace detector. */
    namespace detector {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of a LogRecord. */
            interface ILogRecord {

                /** LogRecord id */
                id?: (string|null);

                /** LogRecord message */
                message?: (string|null);

                /** LogRecord timestamp */
                timestamp?: (google.protobuf.ITimestamp|null);

                /** LogRecord level */
                level?: (string|null);

                /** LogRecord service */
                service?: (string|null);

                /** LogRecord host */
                host?: (string|null);

                /** LogRecord session_id */
                session_id?: (string|null);

                /** LogRecord labels */
                labels?: ({ [k: string]: string }|null);
            }

            /** Represents a LogRecord. */
            class LogRecord implements ILogRecord {

                /**
                 * Constructs a new LogRecord.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ILogRecord);

                /** LogRecord id. */
                public id: string;

                /** LogRecord message. */
                public message: string;

                /** LogRecord timestamp. */
                public timestamp?: (google.protobuf.ITimestamp|null);

                /** LogRecord level. */
                public level: string;

                /** LogRecord service. */
                public service: string;

                /** LogRecord host. */
                public host: string;

                /** LogRecord session_id. */
                public session_id: string;

                /** LogRecord labels. */
                public labels: { [k: string]: string };

                /**
                 * Encodes the specified LogRecord message. Does not implicitly {@link sentinel.detector.v1.LogRecord.verify|verify} messages.
                 * @param message LogRecord message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ILogRecord, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LogRecord message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns LogRecord
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.LogRecord;
            }

            /** Properties of a DetectRequest. */
            interface IDetectRequest {

                /** DetectRequest records */
                records?: (sentinel.detector.v1.ILogRecord[]|null);

                /** DetectRequest dry_run */
                dry_run?: (boolean|null);

                /** DetectRequest explain */
                explain?: (boolean|null);
            }

            /** Represents a DetectRequest. */
            class DetectRequest implements IDetectRequest {

                /**
                 * Constructs a new DetectRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IDetectRequest);

                /** DetectRequest records. */
                public records: sentinel.detector.v1.ILogRecord[];

                /** DetectRequest dry_run. */
                public dry_run: boolean;

                /** DetectRequest explain. */
                public explain: boolean;

                /**
                 * Encodes the specified DetectRequest message. Does not implicitly {@link sentinel.detector.v1.DetectRequest.verify|verify} messages.
                 * @param message DetectRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IDetectRequest, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DetectRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns DetectRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.DetectRequest;
            }

            /** Properties of a KeyProbability. */
            interface IKeyProbability {

                /** KeyProbability template_id */
                template_id?: (string|null);

                /** KeyProbability probability */
                probability?: (number|null);
            }

            /** Represents a KeyProbability. */
            class KeyProbability implements IKeyProbability {

                /**
                 * Constructs a new KeyProbability.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IKeyProbability);

                /** KeyProbability template_id. */
                public template_id: string;

                /** KeyProbability probability. */
                public probability: number;

                /**
                 * Encodes the specified KeyProbability message. Does not implicitly {@link sentinel.detector.v1.KeyProbability.verify|verify} messages.
                 * @param message KeyProbability message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IKeyProbability, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a KeyProbability message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns KeyProbability
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.KeyProbability;
            }

            /** Properties of a DeepLogVerdict. */
            interface IDeepLogVerdict {

                /** DeepLogVerdict is_anomaly */
                is_anomaly?: (boolean|null);

                /** DeepLogVerdict rank */
                rank?: (number|null);

                /** DeepLogVerdict probability */
                probability?: (number|null);

                /** DeepLogVerdict expected */
                expected?: (sentinel.detector.v1.IKeyProbability[]|null);
            }

            /** Represents a DeepLogVerdict. */
            class DeepLogVerdict implements IDeepLogVerdict {

                /**
                 * Constructs a new DeepLogVerdict.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IDeepLogVerdict);

                /** DeepLogVerdict is_anomaly. */
                public is_anomaly: boolean;

                /** DeepLogVerdict rank. */
                public rank: number;

                /** DeepLogVerdict probability. */
                public probability: number;

                /** DeepLogVerdict expected. */
                public expected: sentinel.detector.v1.IKeyProbability[];

                /**
                 * Encodes the specified DeepLogVerdict message. Does not implicitly {@link sentinel.detector.v1.DeepLogVerdict.verify|verify} messages.
                 * @param message DeepLogVerdict message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IDeepLogVerdict, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeepLogVerdict message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns DeepLogVerdict
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.DeepLogVerdict;
            }

            /** Properties of a IForestVerdict. */
            interface IIForestVerdict {

                /** IForestVerdict is_anomaly */
                is_anomaly?: (boolean|null);

                /** IForestVerdict score */
                score?: (number|null);

                /** IForestVerdict threshold */
                threshold?: (number|null);
            }

            /** Represents a IForestVerdict. */
            class IForestVerdict implements IIForestVerdict {

                /**
                 * Constructs a new IForestVerdict.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IIForestVerdict);

                /** IForestVerdict is_anomaly. */
                public is_anomaly: boolean;

                /** IForestVerdict score. */
                public score: number;

                /** IForestVerdict threshold. */
                public threshold: number;

                /**
                 * Encodes the specified IForestVerdict message. Does not implicitly {@link sentinel.detector.v1.IForestVerdict.verify|verify} messages.
                 * @param message IForestVerdict message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IIForestVerdict, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a IForestVerdict message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns IForestVerdict
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.IForestVerdict;
            }

            /** Properties of a DetectResult. */
            interface IDetectResult {

                /** DetectResult record_id */
                record_id?: (string|null);

                /** DetectResult is_anomaly */
                is_anomaly?: (boolean|null);

                /** DetectResult score */
                score?: (number|null);

                /** DetectResult reasons */
                reasons?: (string[]|null);

                /** DetectResult template_id */
                template_id?: (string|null);

                /** DetectResult template */
                template?: (string|null);

                /** DetectResult status */
                status?: (string|null);

                /** DetectResult model_version */
                model_version?: (string|null);

                /** DetectResult session_id */
                session_id?: (string|null);

                /** DetectResult params */
                params?: (string[]|null);

                /** DetectResult deeplog */
                deeplog?: (sentinel.detector.v1.IDeepLogVerdict|null);

                /** DetectResult iforest */
                iforest?: (sentinel.detector.v1.IIForestVerdict|null);

                /** DetectResult explanation */
                explanation?: (string|null);

                /** DetectResult explanation_detail */
                explanation_detail?: (sentinel.detector.v1.IExplanation|null);
            }

            /** Represents a DetectResult. */
            class DetectResult implements IDetectResult {

                /**
                 * Constructs a new DetectResult.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IDetectResult);

                /** DetectResult record_id. */
                public record_id: string;

                /** DetectResult is_anomaly. */
                public is_anomaly: boolean;

                /** DetectResult score. */
                public score: number;

                /** DetectResult reasons. */
                public reasons: string[];

                /** DetectResult template_id. */
                public template_id: string;

                /** DetectResult template. */
                public template: string;

                /** DetectResult status. */
                public status: string;

                /** DetectResult model_version. */
                public model_version: string;

                /** DetectResult session_id. */
                public session_id: string;

                /** DetectResult params. */
                public params: string[];

                /** DetectResult deeplog. */
                public deeplog?: (sentinel.detector.v1.IDeepLogVerdict|null);

                /** DetectResult iforest. */
                public iforest?: (sentinel.detector.v1.IIForestVerdict|null);

                /** DetectResult explanation. */
                public explanation: string;

                /** DetectResult explanation_detail. */
                public explanation_detail?: (sentinel.detector.v1.IExplanation|null);

                /**
                 * Encodes the specified DetectResult message. Does not implicitly {@link sentinel.detector.v1.DetectResult.verify|verify} messages.
                 * @param message DetectResult message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IDetectResult, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DetectResult message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns DetectResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.DetectResult;
            }

            /** Properties of an ExpectedTemplate. */
            interface IExpectedTemplate {

                /** ExpectedTemplate template_id */
                template_id?: (string|null);

                /** ExpectedTemplate template */
                template?: (string|null);

                /** ExpectedTemplate probability */
                probability?: (number|null);
            }

            /** Represents an ExpectedTemplate. */
            class ExpectedTemplate implements IExpectedTemplate {

                /**
                 * Constructs a new ExpectedTemplate.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IExpectedTemplate);

                /** ExpectedTemplate template_id. */
                public template_id: string;

                /** ExpectedTemplate template. */
                public template: string;

                /** ExpectedTemplate probability. */
                public probability: number;

                /**
                 * Encodes the specified ExpectedTemplate message. Does not implicitly {@link sentinel.detector.v1.ExpectedTemplate.verify|verify} messages.
                 * @param message ExpectedTemplate message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IExpectedTemplate, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an ExpectedTemplate message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns ExpectedTemplate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.ExpectedTemplate;
            }

            /** Properties of an Explanation. */
            interface IExplanation {

                /** Explanation observed */
                observed?: (string|null);

                /** Explanation expected */
                expected?: (sentinel.detector.v1.IExpectedTemplate[]|null);

                /** Explanation recent */
                recent?: (string[]|null);
            }

            /** Represents an Explanation. */
            class Explanation implements IExplanation {

                /**
                 * Constructs a new Explanation.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IExplanation);

                /** Explanation observed. */
                public observed: string;

                /** Explanation expected. */
                public expected: sentinel.detector.v1.IExpectedTemplate[];

                /** Explanation recent. */
                public recent: string[];

                /**
                 * Encodes the specified Explanation message. Does not implicitly {@link sentinel.detector.v1.Explanation.verify|verify} messages.
                 * @param message Explanation message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IExplanation, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Explanation message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns Explanation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.Explanation;
            }

            /** Properties of a DetectResponse. */
            interface IDetectResponse {

                /** DetectResponse results */
                results?: (sentinel.detector.v1.IDetectResult[]|null);

                /** DetectResponse closed_sessions */
                closed_sessions?: (sentinel.detector.v1.ISessionVerdict[]|null);
            }

            /** Represents a DetectResponse. */
            class DetectResponse implements IDetectResponse {

                /**
                 * Constructs a new DetectResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IDetectResponse);

                /** DetectResponse results. */
                public results: sentinel.detector.v1.IDetectResult[];

                /** DetectResponse closed_sessions. */
                public closed_sessions: sentinel.detector.v1.ISessionVerdict[];

                /**
                 * Encodes the specified DetectResponse message. Does not implicitly {@link sentinel.detector.v1.DetectResponse.verify|verify} messages.
                 * @param message DetectResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IDetectResponse, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DetectResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns DetectResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.DetectResponse;
            }

            /** Properties of a CloseSessionsRequest. */
            interface ICloseSessionsRequest {

                /** CloseSessionsRequest session_ids */
                session_ids?: (string[]|null);

                /** CloseSessionsRequest dry_run */
                dry_run?: (boolean|null);
            }

            /** Represents a CloseSessionsRequest. */
            class CloseSessionsRequest implements ICloseSessionsRequest {

                /**
                 * Constructs a new CloseSessionsRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ICloseSessionsRequest);

                /** CloseSessionsRequest session_ids. */
                public session_ids: string[];

                /** CloseSessionsRequest dry_run. */
                public dry_run: boolean;

                /**
                 * Encodes the specified CloseSessionsRequest message. Does not implicitly {@link sentinel.detector.v1.CloseSessionsRequest.verify|verify} messages.
                 * @param message CloseSessionsRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ICloseSessionsRequest, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CloseSessionsRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns CloseSessionsRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.CloseSessionsRequest;
            }

            /** Properties of a CloseSessionsResponse. */
            interface ICloseSessionsResponse {

                /** CloseSessionsResponse results */
                results?: (sentinel.detector.v1.ISessionVerdict[]|null);
            }

            /** Represents a CloseSessionsResponse. */
            class CloseSessionsResponse implements ICloseSessionsResponse {

                /**
                 * Constructs a new CloseSessionsResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ICloseSessionsResponse);

                /** CloseSessionsResponse results. */
                public results: sentinel.detector.v1.ISessionVerdict[];

                /**
                 * Encodes the specified CloseSessionsResponse message. Does not implicitly {@link sentinel.detector.v1.CloseSessionsResponse.verify|verify} messages.
                 * @param message CloseSessionsResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ICloseSessionsResponse, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CloseSessionsResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns CloseSessionsResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.CloseSessionsResponse;
            }

            /** Properties of a SessionVerdict. */
            interface ISessionVerdict {

                /** SessionVerdict session_id */
                session_id?: (string|null);

                /** SessionVerdict is_anomaly */
                is_anomaly?: (boolean|null);

                /** SessionVerdict score */
                score?: (number|null);

                /** SessionVerdict reasons */
                reasons?: (string[]|null);

                /** SessionVerdict model_version */
                model_version?: (string|null);

                /** SessionVerdict explanation */
                explanation?: (string|null);

                /** SessionVerdict records */
                records?: (number|null);

                /** SessionVerdict flagged_records */
                flagged_records?: (number|null);

                /** SessionVerdict status */
                status?: (string|null);

                /** SessionVerdict recent */
                recent?: (string[]|null);
            }

            /** Represents a SessionVerdict. */
            class SessionVerdict implements ISessionVerdict {

                /**
                 * Constructs a new SessionVerdict.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ISessionVerdict);

                /** SessionVerdict session_id. */
                public session_id: string;

                /** SessionVerdict is_anomaly. */
                public is_anomaly: boolean;

                /** SessionVerdict score. */
                public score: number;

                /** SessionVerdict reasons. */
                public reasons: string[];

                /** SessionVerdict model_version. */
                public model_version: string;

                /** SessionVerdict explanation. */
                public explanation: string;

                /** SessionVerdict records. */
                public records: number;

                /** SessionVerdict flagged_records. */
                public flagged_records: number;

                /** SessionVerdict status. */
                public status: string;

                /** SessionVerdict recent. */
                public recent: string[];

                /**
                 * Encodes the specified SessionVerdict message. Does not implicitly {@link sentinel.detector.v1.SessionVerdict.verify|verify} messages.
                 * @param message SessionVerdict message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ISessionVerdict, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SessionVerdict message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns SessionVerdict
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.SessionVerdict;
            }

            /** Properties of a TrainOptions. */
            interface ITrainOptions {

                /** TrainOptions log_format */
                log_format?: (string|null);

                /** TrainOptions session_regex */
                session_regex?: (string|null);

                /** TrainOptions session_field */
                session_field?: (string|null);

                /** TrainOptions window */
                window?: (number|null);

                /** TrainOptions top_g */
                top_g?: (number|null);

                /** TrainOptions max_epochs */
                max_epochs?: (number|null);

                /** TrainOptions activate */
                activate?: (boolean|null);

                /** TrainOptions key_field */
                key_field?: (string|null);

                /** TrainOptions value_confidence */
                value_confidence?: (number|null);
            }

            /** Represents a TrainOptions. */
            class TrainOptions implements ITrainOptions {

                /**
                 * Constructs a new TrainOptions.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ITrainOptions);

                /** TrainOptions log_format. */
                public log_format: string;

                /** TrainOptions session_regex. */
                public session_regex: string;

                /** TrainOptions session_field. */
                public session_field: string;

                /** TrainOptions window. */
                public window: number;

                /** TrainOptions top_g. */
                public top_g: number;

                /** TrainOptions max_epochs. */
                public max_epochs: number;

                /** TrainOptions activate. */
                public activate: boolean;

                /** TrainOptions key_field. */
                public key_field: string;

                /** TrainOptions value_confidence. */
                public value_confidence?: (number|null);

                /**
                 * Encodes the specified TrainOptions message. Does not implicitly {@link sentinel.detector.v1.TrainOptions.verify|verify} messages.
                 * @param message TrainOptions message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ITrainOptions, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TrainOptions message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns TrainOptions
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.TrainOptions;
            }

            /** Properties of a TrainRequest. */
            interface ITrainRequest {

                /** TrainRequest options */
                options?: (sentinel.detector.v1.ITrainOptions|null);

                /** TrainRequest records */
                records?: (sentinel.detector.v1.ILogRecord[]|null);
            }

            /** Represents a TrainRequest. */
            class TrainRequest implements ITrainRequest {

                /**
                 * Constructs a new TrainRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ITrainRequest);

                /** TrainRequest options. */
                public options?: (sentinel.detector.v1.ITrainOptions|null);

                /** TrainRequest records. */
                public records: sentinel.detector.v1.ILogRecord[];

                /**
                 * Encodes the specified TrainRequest message. Does not implicitly {@link sentinel.detector.v1.TrainRequest.verify|verify} messages.
                 * @param message TrainRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ITrainRequest, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TrainRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns TrainRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.TrainRequest;
            }

            /** Properties of a TrainProgress. */
            interface ITrainProgress {

                /** TrainProgress phase */
                phase?: (string|null);

                /** TrainProgress records_received */
                records_received?: (Long|null);

                /** TrainProgress epoch */
                epoch?: (number|null);

                /** TrainProgress epochs */
                epochs?: (number|null);

                /** TrainProgress loss */
                loss?: (number|null);

                /** TrainProgress validation_loss */
                validation_loss?: (number|null);

                /** TrainProgress fraction */
                fraction?: (number|null);

                /** TrainProgress model_version */
                model_version?: (string|null);

                /** TrainProgress message */
                message?: (string|null);
            }

            /** Represents a TrainProgress. */
            class TrainProgress implements ITrainProgress {

                /**
                 * Constructs a new TrainProgress.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ITrainProgress);

                /** TrainProgress phase. */
                public phase: string;

                /** TrainProgress records_received. */
                public records_received: Long;

                /** TrainProgress epoch. */
                public epoch: number;

                /** TrainProgress epochs. */
                public epochs: number;

                /** TrainProgress loss. */
                public loss: number;

                /** TrainProgress validation_loss. */
                public validation_loss: number;

                /** TrainProgress fraction. */
                public fraction: number;

                /** TrainProgress model_version. */
                public model_version: string;

                /** TrainProgress message. */
                public message: string;

                /**
                 * Encodes the specified TrainProgress message. Does not implicitly {@link sentinel.detector.v1.TrainProgress.verify|verify} messages.
                 * @param message TrainProgress message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ITrainProgress, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TrainProgress message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns TrainProgress
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.TrainProgress;
            }

            /** Properties of a GetModelRequest. */
            interface IGetModelRequest {

                /** GetModelRequest include_workflows */
                include_workflows?: (boolean|null);
            }

            /** Represents a GetModelRequest. */
            class GetModelRequest implements IGetModelRequest {

                /**
                 * Constructs a new GetModelRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IGetModelRequest);

                /** GetModelRequest include_workflows. */
                public include_workflows: boolean;

                /**
                 * Encodes the specified GetModelRequest message. Does not implicitly {@link sentinel.detector.v1.GetModelRequest.verify|verify} messages.
                 * @param message GetModelRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IGetModelRequest, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a GetModelRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns GetModelRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.GetModelRequest;
            }

            /** Properties of a ModelInfo. */
            interface IModelInfo {

                /** ModelInfo version */
                version?: (string|null);

                /** ModelInfo status */
                status?: (string|null);

                /** ModelInfo created */
                created?: (google.protobuf.ITimestamp|null);

                /** ModelInfo templates */
                templates?: (number|null);

                /** ModelInfo vocabulary */
                vocabulary?: (number|null);

                /** ModelInfo window */
                window?: (number|null);

                /** ModelInfo top_g */
                top_g?: (number|null);

                /** ModelInfo learning_records */
                learning_records?: (Long|null);

                /** ModelInfo learning_target */
                learning_target?: (Long|null);

                /** ModelInfo manifest_json */
                manifest_json?: (string|null);

                /** ModelInfo warnings */
                warnings?: (string[]|null);

                /** ModelInfo workflows */
                workflows?: (sentinel.detector.v1.IWorkflows|null);
            }

            /** Represents a ModelInfo. */
            class ModelInfo implements IModelInfo {

                /**
                 * Constructs a new ModelInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IModelInfo);

                /** ModelInfo version. */
                public version: string;

                /** ModelInfo status. */
                public status: string;

                /** ModelInfo created. */
                public created?: (google.protobuf.ITimestamp|null);

                /** ModelInfo templates. */
                public templates: number;

                /** ModelInfo vocabulary. */
                public vocabulary: number;

                /** ModelInfo window. */
                public window: number;

                /** ModelInfo top_g. */
                public top_g: number;

                /** ModelInfo learning_records. */
                public learning_records: Long;

                /** ModelInfo learning_target. */
                public learning_target: Long;

                /** ModelInfo manifest_json. */
                public manifest_json: string;

                /** ModelInfo warnings. */
                public warnings: string[];

                /** ModelInfo workflows. */
                public workflows?: (sentinel.detector.v1.IWorkflows|null);

                /**
                 * Encodes the specified ModelInfo message. Does not implicitly {@link sentinel.detector.v1.ModelInfo.verify|verify} messages.
                 * @param message ModelInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IModelInfo, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ModelInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns ModelInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.ModelInfo;
            }

            /** Properties of a Workflows. */
            interface IWorkflows {

                /** Workflows types */
                types?: (sentinel.detector.v1.ISessionWorkflow[]|null);
            }

            /** Represents a Workflows. */
            class Workflows implements IWorkflows {

                /**
                 * Constructs a new Workflows.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IWorkflows);

                /** Workflows types. */
                public types: sentinel.detector.v1.ISessionWorkflow[];

                /**
                 * Encodes the specified Workflows message. Does not implicitly {@link sentinel.detector.v1.Workflows.verify|verify} messages.
                 * @param message Workflows message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IWorkflows, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Workflows message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns Workflows
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.Workflows;
            }

            /** Properties of a SessionWorkflow. */
            interface ISessionWorkflow {

                /** SessionWorkflow session_type */
                session_type?: (string|null);

                /** SessionWorkflow session_type_template */
                session_type_template?: (string|null);

                /** SessionWorkflow sessions */
                sessions?: (Long|null);

                /** SessionWorkflow nodes */
                nodes?: (sentinel.detector.v1.IWorkflowNode[]|null);

                /** SessionWorkflow edges */
                edges?: (sentinel.detector.v1.IWorkflowEdge[]|null);

                /** SessionWorkflow concurrent */
                concurrent?: (sentinel.detector.v1.IWorkflowEdge[]|null);

                /** SessionWorkflow loops */
                loops?: (string[]|null);
            }

            /** Represents a SessionWorkflow. */
            class SessionWorkflow implements ISessionWorkflow {

                /**
                 * Constructs a new SessionWorkflow.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.ISessionWorkflow);

                /** SessionWorkflow session_type. */
                public session_type: string;

                /** SessionWorkflow session_type_template. */
                public session_type_template: string;

                /** SessionWorkflow sessions. */
                public sessions: Long;

                /** SessionWorkflow nodes. */
                public nodes: sentinel.detector.v1.IWorkflowNode[];

                /** SessionWorkflow edges. */
                public edges: sentinel.detector.v1.IWorkflowEdge[];

                /** SessionWorkflow concurrent. */
                public concurrent: sentinel.detector.v1.IWorkflowEdge[];

                /** SessionWorkflow loops. */
                public loops: string[];

                /**
                 * Encodes the specified SessionWorkflow message. Does not implicitly {@link sentinel.detector.v1.SessionWorkflow.verify|verify} messages.
                 * @param message SessionWorkflow message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.ISessionWorkflow, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SessionWorkflow message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns SessionWorkflow
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.SessionWorkflow;
            }

            /** Properties of a WorkflowNode. */
            interface IWorkflowNode {

                /** WorkflowNode template_id */
                template_id?: (string|null);

                /** WorkflowNode template */
                template?: (string|null);
            }

            /** Represents a WorkflowNode. */
            class WorkflowNode implements IWorkflowNode {

                /**
                 * Constructs a new WorkflowNode.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IWorkflowNode);

                /** WorkflowNode template_id. */
                public template_id: string;

                /** WorkflowNode template. */
                public template: string;

                /**
                 * Encodes the specified WorkflowNode message. Does not implicitly {@link sentinel.detector.v1.WorkflowNode.verify|verify} messages.
                 * @param message WorkflowNode message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IWorkflowNode, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WorkflowNode message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns WorkflowNode
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.WorkflowNode;
            }

            /** Properties of a WorkflowEdge. */
            interface IWorkflowEdge {

                /** WorkflowEdge from_template_id */
                from_template_id?: (string|null);

                /** WorkflowEdge to_template_id */
                to_template_id?: (string|null);

                /** WorkflowEdge count */
                count?: (Long|null);
            }

            /** Represents a WorkflowEdge. */
            class WorkflowEdge implements IWorkflowEdge {

                /**
                 * Constructs a new WorkflowEdge.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IWorkflowEdge);

                /** WorkflowEdge from_template_id. */
                public from_template_id: string;

                /** WorkflowEdge to_template_id. */
                public to_template_id: string;

                /** WorkflowEdge count. */
                public count: Long;

                /**
                 * Encodes the specified WorkflowEdge message. Does not implicitly {@link sentinel.detector.v1.WorkflowEdge.verify|verify} messages.
                 * @param message WorkflowEdge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IWorkflowEdge, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WorkflowEdge message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns WorkflowEdge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.WorkflowEdge;
            }

            /** Properties of a FeedbackRequest. */
            interface IFeedbackRequest {

                /** FeedbackRequest records */
                records?: (sentinel.detector.v1.ILogRecord[]|null);

                /** FeedbackRequest note */
                note?: (string|null);
            }

            /** Represents a FeedbackRequest. */
            class FeedbackRequest implements IFeedbackRequest {

                /**
                 * Constructs a new FeedbackRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IFeedbackRequest);

                /** FeedbackRequest records. */
                public records: sentinel.detector.v1.ILogRecord[];

                /** FeedbackRequest note. */
                public note: string;

                /**
                 * Encodes the specified FeedbackRequest message. Does not implicitly {@link sentinel.detector.v1.FeedbackRequest.verify|verify} messages.
                 * @param message FeedbackRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IFeedbackRequest, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FeedbackRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns FeedbackRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.FeedbackRequest;
            }

            /** Properties of a FeedbackResponse. */
            interface IFeedbackResponse {

                /** FeedbackResponse accepted */
                accepted?: (number|null);

                /** FeedbackResponse template_ids */
                template_ids?: (string[]|null);

                /** FeedbackResponse windows_learned */
                windows_learned?: (number|null);

                /** FeedbackResponse model_version */
                model_version?: (string|null);
            }

            /** Represents a FeedbackResponse. */
            class FeedbackResponse implements IFeedbackResponse {

                /**
                 * Constructs a new FeedbackResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sentinel.detector.v1.IFeedbackResponse);

                /** FeedbackResponse accepted. */
                public accepted: number;

                /** FeedbackResponse template_ids. */
                public template_ids: string[];

                /** FeedbackResponse windows_learned. */
                public windows_learned: number;

                /** FeedbackResponse model_version. */
                public model_version: string;

                /**
                 * Encodes the specified FeedbackResponse message. Does not implicitly {@link sentinel.detector.v1.FeedbackResponse.verify|verify} messages.
                 * @param message FeedbackResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: sentinel.detector.v1.IFeedbackResponse, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FeedbackResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns FeedbackResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sentinel.detector.v1.FeedbackResponse;
            }
        }
    }
}

/** Namespace google. */
export namespace google {

    /** Namespace protobuf. */
    namespace protobuf {

        /** Properties of a Timestamp. */
        interface ITimestamp {

            /** Timestamp seconds */
            seconds?: (Long|null);

            /** Timestamp nanos */
            nanos?: (number|null);
        }

        /** Represents a Timestamp. */
        class Timestamp implements ITimestamp {

            /**
             * Constructs a new Timestamp.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.ITimestamp);

            /** Timestamp seconds. */
            public seconds: Long;

            /** Timestamp nanos. */
            public nanos: number;

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @param message Timestamp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: google.protobuf.ITimestamp, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Timestamp;
        }
    }
}
