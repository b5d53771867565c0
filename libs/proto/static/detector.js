/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
"use strict";

var $protobuf = require("protobufjs/minimal");

// Common aliases
var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

// Exported root namespace
var $root = $protobuf.roots["log-sentinel-detector"] || ($protobuf.roots["log-sentinel-detector"] = {});

$root.sentinel = (function() {

    /**
     * Namespace sentinel.
     * @exports sentinel
     * @namespace
     */
    var sentinel = {};

    sentinel.detector = (function() {

        /**
         * Namespace detector.
         * @memberof sentinel
         * @namespace
         */
        var detector = {};

        detector.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof sentinel.detector
             * @namespace
             */
            var v1 = {};

            v1.LogRecord = (function() {

                /**
                 * Properties of a LogRecord.
                 * @memberof sentinel.detector.v1
                 * @interface ILogRecord
                 * @property {string|null} [id] LogRecord id
                 * @property {string|null} [message] LogRecord message
                 * @property {google.protobuf.ITimestamp|null} [timestamp] LogRecord timestamp
                 * @property {string|null} [level] LogRecord level
                 * @property {string|null} [service] LogRecord service
                 * @property {string|null} [host] LogRecord host
                 * @property {string|null} [session_id] LogRecord session_id
                 * @property {Object.<string,string>|null} [labels] LogRecord labels
                 */

                /**
                 * Constructs a new LogRecord.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a LogRecord.
                 * @implements ILogRecord
                 * @constructor
                 * @param {sentinel.detector.v1.ILogRecord=} [properties] Properties to set
                 */
                function LogRecord(properties) {
                    this.labels = {};
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * LogRecord id.
                 * @member {string} id
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.id = "";

                /**
                 * LogRecord message.
                 * @member {string} message
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.message = "";

                /**
                 * LogRecord timestamp.
                 * @member {google.protobuf.ITimestamp|null|undefined} timestamp
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.timestamp = null;

                /**
                 * LogRecord level.
                 * @member {string} level
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.level = "";

                /**
                 * LogRecord service.
                 * @member {string} service
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.service = "";

                /**
                 * LogRecord host.
                 * @member {string} host
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.host = "";

                /**
                 * LogRecord session_id.
                 * @member {string} session_id
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.session_id = "";

                /**
                 * LogRecord labels.
                 * @member {Object.<string,string>} labels
                 * @memberof sentinel.detector.v1.LogRecord
                 * @instance
                 */
                LogRecord.prototype.labels = $util.emptyObject;

                /**
                 * Encodes the specified LogRecord message. Does not implicitly {@link sentinel.detector.v1.LogRecord.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.LogRecord
                 * @static
                 * @param {sentinel.detector.v1.ILogRecord} message LogRecord message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LogRecord.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                    if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                    if (message.timestamp != null && Object.hasOwnProperty.call(message, "timestamp"))
                        $root.google.protobuf.Timestamp.encode(message.timestamp, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                    if (message.level != null && Object.hasOwnProperty.call(message, "level"))
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.level);
                    if (message.service != null && Object.hasOwnProperty.call(message, "service"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.service);
                    if (message.host != null && Object.hasOwnProperty.call(message, "host"))
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.host);
                    if (message.session_id != null && Object.hasOwnProperty.call(message, "session_id"))
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.session_id);
                    if (message.labels != null && Object.hasOwnProperty.call(message, "labels"))
                        for (var keys = Object.keys(message.labels), i = 0; i < keys.length; ++i)
                            writer.uint32(/* id 8, wireType 2 =*/66).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.labels[keys[i]]).ldelim();
                    return writer;
                };

                /**
                 * Decodes a LogRecord message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.LogRecord
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.LogRecord} LogRecord
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LogRecord.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message, key, value;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.LogRecord();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.id = reader.string();
                                break;
                            }
                        case 2: {
                                message.message = reader.string();
                                break;
                            }
                        case 3: {
                                message.timestamp = $root.google.protobuf.Timestamp.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 4: {
                                message.level = reader.string();
                                break;
                            }
                        case 5: {
                                message.service = reader.string();
                                break;
                            }
                        case 6: {
                                message.host = reader.string();
                                break;
                            }
                        case 7: {
                                message.session_id = reader.string();
                                break;
                            }
                        case 8: {
                                if (message.labels === $util.emptyObject)
                                    message.labels = {};
                                var end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    var tag2 = reader.uint32();
                                    switch (tag2 >>> 3) {
                                    case 1:
                                        key = reader.string();
                                        break;
                                    case 2:
                                        value = reader.string();
                                        break;
                                    default:
                                        reader.skipType(tag2 & 7, long);
                                        break;
                                    }
                                }
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.labels, key);
                                message.labels[key] = value;
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return LogRecord;
            })();

            v1.DetectRequest = (function() {

                /**
                 * Properties of a DetectRequest.
                 * @memberof sentinel.detector.v1
                 * @interface IDetectRequest
                 * @property {Array.<sentinel.detector.v1.ILogRecord>|null} [records] DetectRequest records
                 * @property {boolean|null} [dry_run] DetectRequest dry_run
                 * @property {boolean|null} [explain] DetectRequest explain
                 */

                /**
                 * Constructs a new DetectRequest.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a DetectRequest.
                 * @implements IDetectRequest
                 * @constructor
                 * @param {sentinel.detector.v1.IDetectRequest=} [properties] Properties to set
                 */
                function DetectRequest(properties) {
                    this.records = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * DetectRequest records.
                 * @member {Array.<sentinel.detector.v1.ILogRecord>} records
                 * @memberof sentinel.detector.v1.DetectRequest
                 * @instance
                 */
                DetectRequest.prototype.records = $util.emptyArray;

                /**
                 * DetectRequest dry_run.
                 * @member {boolean} dry_run
                 * @memberof sentinel.detector.v1.DetectRequest
                 * @instance
                 */
                DetectRequest.prototype.dry_run = false;

                /**
                 * DetectRequest explain.
                 * @member {boolean} explain
                 * @memberof sentinel.detector.v1.DetectRequest
                 * @instance
                 */
                DetectRequest.prototype.explain = false;

                /**
                 * Encodes the specified DetectRequest message. Does not implicitly {@link sentinel.detector.v1.DetectRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.DetectRequest
                 * @static
                 * @param {sentinel.detector.v1.IDetectRequest} message DetectRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DetectRequest.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.records != null && message.records.length)
                        for (var i = 0; i < message.records.length; ++i)
                            $root.sentinel.detector.v1.LogRecord.encode(message.records[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    if (message.dry_run != null && Object.hasOwnProperty.call(message, "dry_run"))
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.dry_run);
                    if (message.explain != null && Object.hasOwnProperty.call(message, "explain"))
                        writer.uint32(/* id 3, wireType 0 =*/24).bool(message.explain);
                    return writer;
                };

                /**
                 * Decodes a DetectRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.DetectRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.DetectRequest} DetectRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DetectRequest.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.DetectRequest();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (!(message.records && message.records.length))
                                    message.records = [];
                                message.records.push($root.sentinel.detector.v1.LogRecord.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 2: {
                                message.dry_run = reader.bool();
                                break;
                            }
                        case 3: {
                                message.explain = reader.bool();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return DetectRequest;
            })();

            v1.KeyProbability = (function() {

                /**
                 * Properties of a KeyProbability.
                 * @memberof sentinel.detector.v1
                 * @interface IKeyProbability
                 * @property {string|null} [template_id] KeyProbability template_id
                 * @property {number|null} [probability] KeyProbability probability
                 */

                /**
                 * Constructs a new KeyProbability.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a KeyProbability.
                 * @implements IKeyProbability
                 * @constructor
                 * @param {sentinel.detector.v1.IKeyProbability=} [properties] Properties to set
                 */
                function KeyProbability(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * KeyProbability template_id.
                 * @member {string} template_id
                 * @memberof sentinel.detector.v1.KeyProbability
                 * @instance
                 */
                KeyProbability.prototype.template_id = "";

                /**
                 * KeyProbability probability.
                 * @member {number} probability
                 * @memberof sentinel.detector.v1.KeyProbability
                 * @instance
                 */
                KeyProbability.prototype.probability = 0;

                /**
                 * Encodes the specified KeyProbability message. Does not implicitly {@link sentinel.detector.v1.KeyProbability.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.KeyProbability
                 * @static
                 * @param {sentinel.detector.v1.IKeyProbability} message KeyProbability message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                KeyProbability.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.template_id != null && Object.hasOwnProperty.call(message, "template_id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.template_id);
                    if (message.probability != null && Object.hasOwnProperty.call(message, "probability"))
                        writer.uint32(/* id 2, wireType 5 =*/21).float(message.probability);
                    return writer;
                };

                /**
                 * Decodes a KeyProbability message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.KeyProbability
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.KeyProbability} KeyProbability
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                KeyProbability.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.KeyProbability();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.template_id = reader.string();
                                break;
                            }
                        case 2: {
                                message.probability = reader.float();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return KeyProbability;
            })();

            v1.DeepLogVerdict = (function() {

                /**
                 * Properties of a DeepLogVerdict.
                 * @memberof sentinel.detector.v1
                 * @interface IDeepLogVerdict
                 * @property {boolean|null} [is_anomaly] DeepLogVerdict is_anomaly
                 * @property {number|null} [rank] DeepLogVerdict rank
                 * @property {number|null} [probability] DeepLogVerdict probability
                 * @property {Array.<sentinel.detector.v1.IKeyProbability>|null} [expected] DeepLogVerdict expected
                 */

                /**
                 * Constructs a new DeepLogVerdict.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a DeepLogVerdict.
                 * @implements IDeepLogVerdict
                 * @constructor
                 * @param {sentinel.detector.v1.IDeepLogVerdict=} [properties] Properties to set
                 */
                function DeepLogVerdict(properties) {
                    this.expected = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * DeepLogVerdict is_anomaly.
                 * @member {boolean} is_anomaly
                 * @memberof sentinel.detector.v1.DeepLogVerdict
                 * @instance
                 */
                DeepLogVerdict.prototype.is_anomaly = false;

                /**
                 * DeepLogVerdict rank.
                 * @member {number} rank
                 * @memberof sentinel.detector.v1.DeepLogVerdict
                 * @instance
                 */
                DeepLogVerdict.prototype.rank = 0;

                /**
                 * DeepLogVerdict probability.
                 * @member {number} probability
                 * @memberof sentinel.detector.v1.DeepLogVerdict
                 * @instance
                 */
                DeepLogVerdict.prototype.probability = 0;

                /**
                 * DeepLogVerdict expected.
                 * @member {Array.<sentinel.detector.v1.IKeyProbability>} expected
                 * @memberof sentinel.detector.v1.DeepLogVerdict
                 * @instance
                 */
                DeepLogVerdict.prototype.expected = $util.emptyArray;

                /**
                 * Encodes the specified DeepLogVerdict message. Does not implicitly {@link sentinel.detector.v1.DeepLogVerdict.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.DeepLogVerdict
                 * @static
                 * @param {sentinel.detector.v1.IDeepLogVerdict} message DeepLogVerdict message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DeepLogVerdict.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.is_anomaly != null && Object.hasOwnProperty.call(message, "is_anomaly"))
                        writer.uint32(/* id 1, wireType 0 =*/8).bool(message.is_anomaly);
                    if (message.rank != null && Object.hasOwnProperty.call(message, "rank"))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.rank);
                    if (message.probability != null && Object.hasOwnProperty.call(message, "probability"))
                        writer.uint32(/* id 3, wireType 5 =*/29).float(message.probability);
                    if (message.expected != null && message.expected.length)
                        for (var i = 0; i < message.expected.length; ++i)
                            $root.sentinel.detector.v1.KeyProbability.encode(message.expected[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a DeepLogVerdict message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.DeepLogVerdict
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.DeepLogVerdict} DeepLogVerdict
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DeepLogVerdict.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.DeepLogVerdict();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.is_anomaly = reader.bool();
                                break;
                            }
                        case 2: {
                                message.rank = reader.uint32();
                                break;
                            }
                        case 3: {
                                message.probability = reader.float();
                                break;
                            }
                        case 4: {
                                if (!(message.expected && message.expected.length))
                                    message.expected = [];
                                message.expected.push($root.sentinel.detector.v1.KeyProbability.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return DeepLogVerdict;
            })();

            v1.IForestVerdict = (function() {

                /**
                 * Properties of a IForestVerdict.
                 * @memberof sentinel.detector.v1
                 * @interface IIForestVerdict
                 * @property {boolean|null} [is_anomaly] IForestVerdict is_anomaly
                 * @property {number|null} [score] IForestVerdict score
                 * @property {number|null} [threshold] IForestVerdict threshold
                 */

                /**
                 * Constructs a new IForestVerdict.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a IForestVerdict.
                 * @implements IIForestVerdict
                 * @constructor
                 * @param {sentinel.detector.v1.IIForestVerdict=} [properties] Properties to set
                 */
                function IForestVerdict(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * IForestVerdict is_anomaly.
                 * @member {boolean} is_anomaly
                 * @memberof sentinel.detector.v1.IForestVerdict
                 * @instance
                 */
                IForestVerdict.prototype.is_anomaly = false;

                /**
                 * IForestVerdict score.
                 * @member {number} score
                 * @memberof sentinel.detector.v1.IForestVerdict
                 * @instance
                 */
                IForestVerdict.prototype.score = 0;

                /**
                 * IForestVerdict threshold.
                 * @member {number} threshold
                 * @memberof sentinel.detector.v1.IForestVerdict
                 * @instance
                 */
                IForestVerdict.prototype.threshold = 0;

                /**
                 * Encodes the specified IForestVerdict message. Does not implicitly {@link sentinel.detector.v1.IForestVerdict.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.IForestVerdict
                 * @static
                 * @param {sentinel.detector.v1.IIForestVerdict} message IForestVerdict message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                IForestVerdict.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.is_anomaly != null && Object.hasOwnProperty.call(message, "is_anomaly"))
                        writer.uint32(/* id 1, wireType 0 =*/8).bool(message.is_anomaly);
                    if (message.score != null && Object.hasOwnProperty.call(message, "score"))
                        writer.uint32(/* id 2, wireType 5 =*/21).float(message.score);
                    if (message.threshold != null && Object.hasOwnProperty.call(message, "threshold"))
                        writer.uint32(/* id 3, wireType 5 =*/29).float(message.threshold);
                    return writer;
                };

                /**
                 * Decodes a IForestVerdict message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.IForestVerdict
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.IForestVerdict} IForestVerdict
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                IForestVerdict.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.IForestVerdict();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.is_anomaly = reader.bool();
                                break;
                            }
                        case 2: {
                                message.score = reader.float();
                                break;
                            }
                        case 3: {
                                message.threshold = reader.float();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return IForestVerdict;
            })();

            v1.DetectResult = (function() {

                /**
                 * Properties of a DetectResult.
                 * @memberof sentinel.detector.v1
                 * @interface IDetectResult
                 * @property {string|null} [record_id] DetectResult record_id
                 * @property {boolean|null} [is_anomaly] DetectResult is_anomaly
                 * @property {number|null} [score] DetectResult score
                 * @property {Array.<string>|null} [reasons] DetectResult reasons
                 * @property {string|null} [template_id] DetectResult template_id
                 * @property {string|null} [template] DetectResult template
                 * @property {string|null} [status] DetectResult status
                 * @property {string|null} [model_version] DetectResult model_version
                 * @property {string|null} [session_id] DetectResult session_id
                 * @property {Array.<string>|null} [params] DetectResult params
                 * @property {sentinel.detector.v1.IDeepLogVerdict|null} [deeplog] DetectResult deeplog
                 * @property {sentinel.detector.v1.IIForestVerdict|null} [iforest] DetectResult iforest
                 * @property {string|null} [explanation] DetectResult explanation
                 * @property {sentinel.detector.v1.IExplanation|null} [explanation_detail] DetectResult explanation_detail
                 */

                /**
                 * Constructs a new DetectResult.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a DetectResult.
                 * @implements IDetectResult
                 * @constructor
                 * @param {sentinel.detector.v1.IDetectResult=} [properties] Properties to set
                 */
                function DetectResult(properties) {
                    this.reasons = [];
                    this.params = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * DetectResult record_id.
                 * @member {string} record_id
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.record_id = "";

                /**
                 * DetectResult is_anomaly.
                 * @member {boolean} is_anomaly
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.is_anomaly = false;

                /**
                 * DetectResult score.
                 * @member {number} score
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.score = 0;

                /**
                 * DetectResult reasons.
                 * @member {Array.<string>} reasons
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.reasons = $util.emptyArray;

                /**
                 * DetectResult template_id.
                 * @member {string} template_id
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.template_id = "";

                /**
                 * DetectResult template.
                 * @member {string} template
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.template = "";

                /**
                 * DetectResult status.
                 * @member {string} status
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.status = "";

                /**
                 * DetectResult model_version.
                 * @member {string} model_version
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.model_version = "";

                /**
                 * DetectResult session_id.
                 * @member {string} session_id
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.session_id = "";

                /**
                 * DetectResult params.
                 * @member {Array.<string>} params
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.params = $util.emptyArray;

                /**
                 * DetectResult deeplog.
                 * @member {sentinel.detector.v1.IDeepLogVerdict|null|undefined} deeplog
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.deeplog = null;

                /**
                 * DetectResult iforest.
                 * @member {sentinel.detector.v1.IIForestVerdict|null|undefined} iforest
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.iforest = null;

                /**
                 * DetectResult explanation.
                 * @member {string} explanation
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.explanation = "";

                /**
                 * DetectResult explanation_detail.
                 * @member {sentinel.detector.v1.IExplanation|null|undefined} explanation_detail
                 * @memberof sentinel.detector.v1.DetectResult
                 * @instance
                 */
                DetectResult.prototype.explanation_detail = null;

                /**
                 * Encodes the specified DetectResult message. Does not implicitly {@link sentinel.detector.v1.DetectResult.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.DetectResult
                 * @static
                 * @param {sentinel.detector.v1.IDetectResult} message DetectResult message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DetectResult.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.record_id != null && Object.hasOwnProperty.call(message, "record_id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.record_id);
                    if (message.is_anomaly != null && Object.hasOwnProperty.call(message, "is_anomaly"))
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.is_anomaly);
                    if (message.score != null && Object.hasOwnProperty.call(message, "score"))
                        writer.uint32(/* id 3, wireType 5 =*/29).float(message.score);
                    if (message.reasons != null && message.reasons.length)
                        for (var i = 0; i < message.reasons.length; ++i)
                            writer.uint32(/* id 4, wireType 2 =*/34).string(message.reasons[i]);
                    if (message.template_id != null && Object.hasOwnProperty.call(message, "template_id"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.template_id);
                    if (message.template != null && Object.hasOwnProperty.call(message, "template"))
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.template);
                    if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.status);
                    if (message.model_version != null && Object.hasOwnProperty.call(message, "model_version"))
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.model_version);
                    if (message.session_id != null && Object.hasOwnProperty.call(message, "session_id"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.session_id);
                    if (message.params != null && message.params.length)
                        for (var i = 0; i < message.params.length; ++i)
                            writer.uint32(/* id 10, wireType 2 =*/82).string(message.params[i]);
                    if (message.deeplog != null && Object.hasOwnProperty.call(message, "deeplog"))
                        $root.sentinel.detector.v1.DeepLogVerdict.encode(message.deeplog, writer.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                    if (message.iforest != null && Object.hasOwnProperty.call(message, "iforest"))
                        $root.sentinel.detector.v1.IForestVerdict.encode(message.iforest, writer.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                    if (message.explanation != null && Object.hasOwnProperty.call(message, "explanation"))
                        writer.uint32(/* id 13, wireType 2 =*/106).string(message.explanation);
                    if (message.explanation_detail != null && Object.hasOwnProperty.call(message, "explanation_detail"))
                        $root.sentinel.detector.v1.Explanation.encode(message.explanation_detail, writer.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a DetectResult message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.DetectResult
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.DetectResult} DetectResult
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DetectResult.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.DetectResult();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.record_id = reader.string();
                                break;
                            }
                        case 2: {
                                message.is_anomaly = reader.bool();
                                break;
                            }
                        case 3: {
                                message.score = reader.float();
                                break;
                            }
                        case 4: {
                                if (!(message.reasons && message.reasons.length))
                                    message.reasons = [];
                                message.reasons.push(reader.string());
                                break;
                            }
                        case 5: {
                                message.template_id = reader.string();
                                break;
                            }
                        case 6: {
                                message.template = reader.string();
                                break;
                            }
                        case 7: {
                                message.status = reader.string();
                                break;
                            }
                        case 8: {
                                message.model_version = reader.string();
                                break;
                            }
                        case 9: {
                                message.session_id = reader.string();
                                break;
                            }
                        case 10: {
                                if (!(message.params && message.params.length))
                                    message.params = [];
                                message.params.push(reader.string());
                                break;
                            }
                        case 11: {
                                message.deeplog = $root.sentinel.detector.v1.DeepLogVerdict.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 12: {
                                message.iforest = $root.sentinel.detector.v1.IForestVerdict.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 13: {
                                message.explanation = reader.string();
                                break;
                            }
                        case 14: {
                                message.explanation_detail = $root.sentinel.detector.v1.Explanation.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return DetectResult;
            })();

            v1.ExpectedTemplate = (function() {

                /**
                 * Properties of an ExpectedTemplate.
                 * @memberof sentinel.detector.v1
                 * @interface IExpectedTemplate
                 * @property {string|null} [template_id] ExpectedTemplate template_id
                 * @property {string|null} [template] ExpectedTemplate template
                 * @property {number|null} [probability] ExpectedTemplate probability
                 */

                /**
                 * Constructs a new ExpectedTemplate.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents an ExpectedTemplate.
                 * @implements IExpectedTemplate
                 * @constructor
                 * @param {sentinel.detector.v1.IExpectedTemplate=} [properties] Properties to set
                 */
                function ExpectedTemplate(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * ExpectedTemplate template_id.
                 * @member {string} template_id
                 * @memberof sentinel.detector.v1.ExpectedTemplate
                 * @instance
                 */
                ExpectedTemplate.prototype.template_id = "";

                /**
                 * ExpectedTemplate template.
                 * @member {string} template
                 * @memberof sentinel.detector.v1.ExpectedTemplate
                 * @instance
                 */
                ExpectedTemplate.prototype.template = "";

                /**
                 * ExpectedTemplate probability.
                 * @member {number} probability
                 * @memberof sentinel.detector.v1.ExpectedTemplate
                 * @instance
                 */
                ExpectedTemplate.prototype.probability = 0;

                /**
                 * Encodes the specified ExpectedTemplate message. Does not implicitly {@link sentinel.detector.v1.ExpectedTemplate.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.ExpectedTemplate
                 * @static
                 * @param {sentinel.detector.v1.IExpectedTemplate} message ExpectedTemplate message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ExpectedTemplate.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.template_id != null && Object.hasOwnProperty.call(message, "template_id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.template_id);
                    if (message.template != null && Object.hasOwnProperty.call(message, "template"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.template);
                    if (message.probability != null && Object.hasOwnProperty.call(message, "probability"))
                        writer.uint32(/* id 3, wireType 5 =*/29).float(message.probability);
                    return writer;
                };

                /**
                 * Decodes an ExpectedTemplate message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.ExpectedTemplate
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.ExpectedTemplate} ExpectedTemplate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ExpectedTemplate.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.ExpectedTemplate();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.template_id = reader.string();
                                break;
                            }
                        case 2: {
                                message.template = reader.string();
                                break;
                            }
                        case 3: {
                                message.probability = reader.float();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return ExpectedTemplate;
            })();

            v1.Explanation = (function() {

                /**
                 * Properties of an Explanation.
                 * @memberof sentinel.detector.v1
                 * @interface IExplanation
                 * @property {string|null} [observed] Explanation observed
                 * @property {Array.<sentinel.detector.v1.IExpectedTemplate>|null} [expected] Explanation expected
                 * @property {Array.<string>|null} [recent] Explanation recent
                 */

                /**
                 * Constructs a new Explanation.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents an Explanation.
                 * @implements IExplanation
                 * @constructor
                 * @param {sentinel.detector.v1.IExplanation=} [properties] Properties to set
                 */
                function Explanation(properties) {
                    this.expected = [];
                    this.recent = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * Explanation observed.
                 * @member {string} observed
                 * @memberof sentinel.detector.v1.Explanation
                 * @instance
                 */
                Explanation.prototype.observed = "";

                /**
                 * Explanation expected.
                 * @member {Array.<sentinel.detector.v1.IExpectedTemplate>} expected
                 * @memberof sentinel.detector.v1.Explanation
                 * @instance
                 */
                Explanation.prototype.expected = $util.emptyArray;

                /**
                 * Explanation recent.
                 * @member {Array.<string>} recent
                 * @memberof sentinel.detector.v1.Explanation
                 * @instance
                 */
                Explanation.prototype.recent = $util.emptyArray;

                /**
                 * Encodes the specified Explanation message. Does not implicitly {@link sentinel.detector.v1.Explanation.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.Explanation
                 * @static
                 * @param {sentinel.detector.v1.IExplanation} message Explanation message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Explanation.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.observed != null && Object.hasOwnProperty.call(message, "observed"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.observed);
                    if (message.expected != null && message.expected.length)
                        for (var i = 0; i < message.expected.length; ++i)
                            $root.sentinel.detector.v1.ExpectedTemplate.encode(message.expected[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                    if (message.recent != null && message.recent.length)
                        for (var i = 0; i < message.recent.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.recent[i]);
                    return writer;
                };

                /**
                 * Decodes an Explanation message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.Explanation
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.Explanation} Explanation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Explanation.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.Explanation();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.observed = reader.string();
                                break;
                            }
                        case 2: {
                                if (!(message.expected && message.expected.length))
                                    message.expected = [];
                                message.expected.push($root.sentinel.detector.v1.ExpectedTemplate.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 3: {
                                if (!(message.recent && message.recent.length))
                                    message.recent = [];
                                message.recent.push(reader.string());
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return Explanation;
            })();

            v1.DetectResponse = (function() {

                /**
                 * Properties of a DetectResponse.
                 * @memberof sentinel.detector.v1
                 * @interface IDetectResponse
                 * @property {Array.<sentinel.detector.v1.IDetectResult>|null} [results] DetectResponse results
                 * @property {Array.<sentinel.detector.v1.ISessionVerdict>|null} [closed_sessions] DetectResponse closed_sessions
                 */

                /**
                 * Constructs a new DetectResponse.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a DetectResponse.
                 * @implements IDetectResponse
                 * @constructor
                 * @param {sentinel.detector.v1.IDetectResponse=} [properties] Properties to set
                 */
                function DetectResponse(properties) {
                    this.results = [];
                    this.closed_sessions = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * DetectResponse results.
                 * @member {Array.<sentinel.detector.v1.IDetectResult>} results
                 * @memberof sentinel.detector.v1.DetectResponse
                 * @instance
                 */
                DetectResponse.prototype.results = $util.emptyArray;

                /**
                 * DetectResponse closed_sessions.
                 * @member {Array.<sentinel.detector.v1.ISessionVerdict>} closed_sessions
                 * @memberof sentinel.detector.v1.DetectResponse
                 * @instance
                 */
                DetectResponse.prototype.closed_sessions = $util.emptyArray;

                /**
                 * Encodes the specified DetectResponse message. Does not implicitly {@link sentinel.detector.v1.DetectResponse.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.DetectResponse
                 * @static
                 * @param {sentinel.detector.v1.IDetectResponse} message DetectResponse message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DetectResponse.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.results != null && message.results.length)
                        for (var i = 0; i < message.results.length; ++i)
                            $root.sentinel.detector.v1.DetectResult.encode(message.results[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    if (message.closed_sessions != null && message.closed_sessions.length)
                        for (var i = 0; i < message.closed_sessions.length; ++i)
                            $root.sentinel.detector.v1.SessionVerdict.encode(message.closed_sessions[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a DetectResponse message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.DetectResponse
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.DetectResponse} DetectResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DetectResponse.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.DetectResponse();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (!(message.results && message.results.length))
                                    message.results = [];
                                message.results.push($root.sentinel.detector.v1.DetectResult.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 2: {
                                if (!(message.closed_sessions && message.closed_sessions.length))
                                    message.closed_sessions = [];
                                message.closed_sessions.push($root.sentinel.detector.v1.SessionVerdict.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return DetectResponse;
            })();

            v1.CloseSessionsRequest = (function() {

                /**
                 * Properties of a CloseSessionsRequest.
                 * @memberof sentinel.detector.v1
                 * @interface ICloseSessionsRequest
                 * @property {Array.<string>|null} [session_ids] CloseSessionsRequest session_ids
                 * @property {boolean|null} [dry_run] CloseSessionsRequest dry_run
                 */

                /**
                 * Constructs a new CloseSessionsRequest.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a CloseSessionsRequest.
                 * @implements ICloseSessionsRequest
                 * @constructor
                 * @param {sentinel.detector.v1.ICloseSessionsRequest=} [properties] Properties to set
                 */
                function CloseSessionsRequest(properties) {
                    this.session_ids = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * CloseSessionsRequest session_ids.
                 * @member {Array.<string>} session_ids
                 * @memberof sentinel.detector.v1.CloseSessionsRequest
                 * @instance
                 */
                CloseSessionsRequest.prototype.session_ids = $util.emptyArray;

                /**
                 * CloseSessionsRequest dry_run.
                 * @member {boolean} dry_run
                 * @memberof sentinel.detector.v1.CloseSessionsRequest
                 * @instance
                 */
                CloseSessionsRequest.prototype.dry_run = false;

                /**
                 * Encodes the specified CloseSessionsRequest message. Does not implicitly {@link sentinel.detector.v1.CloseSessionsRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.CloseSessionsRequest
                 * @static
                 * @param {sentinel.detector.v1.ICloseSessionsRequest} message CloseSessionsRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CloseSessionsRequest.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.session_ids != null && message.session_ids.length)
                        for (var i = 0; i < message.session_ids.length; ++i)
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.session_ids[i]);
                    if (message.dry_run != null && Object.hasOwnProperty.call(message, "dry_run"))
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.dry_run);
                    return writer;
                };

                /**
                 * Decodes a CloseSessionsRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.CloseSessionsRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.CloseSessionsRequest} CloseSessionsRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CloseSessionsRequest.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.CloseSessionsRequest();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (!(message.session_ids && message.session_ids.length))
                                    message.session_ids = [];
                                message.session_ids.push(reader.string());
                                break;
                            }
                        case 2: {
                                message.dry_run = reader.bool();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return CloseSessionsRequest;
            })();

            v1.CloseSessionsResponse = (function() {

                /**
                 * Properties of a CloseSessionsResponse.
                 * @memberof sentinel.detector.v1
                 * @interface ICloseSessionsResponse
                 * @property {Array.<sentinel.detector.v1.ISessionVerdict>|null} [results] CloseSessionsResponse results
                 */

                /**
                 * Constructs a new CloseSessionsResponse.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a CloseSessionsResponse.
                 * @implements ICloseSessionsResponse
                 * @constructor
                 * @param {sentinel.detector.v1.ICloseSessionsResponse=} [properties] Properties to set
                 */
                function CloseSessionsResponse(properties) {
                    this.results = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * CloseSessionsResponse results.
                 * @member {Array.<sentinel.detector.v1.ISessionVerdict>} results
                 * @memberof sentinel.detector.v1.CloseSessionsResponse
                 * @instance
                 */
                CloseSessionsResponse.prototype.results = $util.emptyArray;

                /**
                 * Encodes the specified CloseSessionsResponse message. Does not implicitly {@link sentinel.detector.v1.CloseSessionsResponse.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.CloseSessionsResponse
                 * @static
                 * @param {sentinel.detector.v1.ICloseSessionsResponse} message CloseSessionsResponse message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CloseSessionsResponse.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.results != null && message.results.length)
                        for (var i = 0; i < message.results.length; ++i)
                            $root.sentinel.detector.v1.SessionVerdict.encode(message.results[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a CloseSessionsResponse message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.CloseSessionsResponse
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.CloseSessionsResponse} CloseSessionsResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CloseSessionsResponse.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.CloseSessionsResponse();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (!(message.results && message.results.length))
                                    message.results = [];
                                message.results.push($root.sentinel.detector.v1.SessionVerdict.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return CloseSessionsResponse;
            })();

            v1.SessionVerdict = (function() {

                /**
                 * Properties of a SessionVerdict.
                 * @memberof sentinel.detector.v1
                 * @interface ISessionVerdict
                 * @property {string|null} [session_id] SessionVerdict session_id
                 * @property {boolean|null} [is_anomaly] SessionVerdict is_anomaly
                 * @property {number|null} [score] SessionVerdict score
                 * @property {Array.<string>|null} [reasons] SessionVerdict reasons
                 * @property {string|null} [model_version] SessionVerdict model_version
                 * @property {string|null} [explanation] SessionVerdict explanation
                 * @property {number|null} [records] SessionVerdict records
                 * @property {number|null} [flagged_records] SessionVerdict flagged_records
                 * @property {string|null} [status] SessionVerdict status
                 * @property {Array.<string>|null} [recent] SessionVerdict recent
                 */

                /**
                 * Constructs a new SessionVerdict.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a SessionVerdict.
                 * @implements ISessionVerdict
                 * @constructor
                 * @param {sentinel.detector.v1.ISessionVerdict=} [properties] Properties to set
                 */
                function SessionVerdict(properties) {
                    this.reasons = [];
                    this.recent = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * SessionVerdict session_id.
                 * @member {string} session_id
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.session_id = "";

                /**
                 * SessionVerdict is_anomaly.
                 * @member {boolean} is_anomaly
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.is_anomaly = false;

                /**
                 * SessionVerdict score.
                 * @member {number} score
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.score = 0;

                /**
                 * SessionVerdict reasons.
                 * @member {Array.<string>} reasons
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.reasons = $util.emptyArray;

                /**
                 * SessionVerdict model_version.
                 * @member {string} model_version
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.model_version = "";

                /**
                 * SessionVerdict explanation.
                 * @member {string} explanation
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.explanation = "";

                /**
                 * SessionVerdict records.
                 * @member {number} records
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.records = 0;

                /**
                 * SessionVerdict flagged_records.
                 * @member {number} flagged_records
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.flagged_records = 0;

                /**
                 * SessionVerdict status.
                 * @member {string} status
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.status = "";

                /**
                 * SessionVerdict recent.
                 * @member {Array.<string>} recent
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @instance
                 */
                SessionVerdict.prototype.recent = $util.emptyArray;

                /**
                 * Encodes the specified SessionVerdict message. Does not implicitly {@link sentinel.detector.v1.SessionVerdict.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @static
                 * @param {sentinel.detector.v1.ISessionVerdict} message SessionVerdict message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SessionVerdict.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.session_id != null && Object.hasOwnProperty.call(message, "session_id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.session_id);
                    if (message.is_anomaly != null && Object.hasOwnProperty.call(message, "is_anomaly"))
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.is_anomaly);
                    if (message.score != null && Object.hasOwnProperty.call(message, "score"))
                        writer.uint32(/* id 3, wireType 5 =*/29).float(message.score);
                    if (message.reasons != null && message.reasons.length)
                        for (var i = 0; i < message.reasons.length; ++i)
                            writer.uint32(/* id 4, wireType 2 =*/34).string(message.reasons[i]);
                    if (message.model_version != null && Object.hasOwnProperty.call(message, "model_version"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.model_version);
                    if (message.explanation != null && Object.hasOwnProperty.call(message, "explanation"))
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.explanation);
                    if (message.records != null && Object.hasOwnProperty.call(message, "records"))
                        writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.records);
                    if (message.flagged_records != null && Object.hasOwnProperty.call(message, "flagged_records"))
                        writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.flagged_records);
                    if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.status);
                    if (message.recent != null && message.recent.length)
                        for (var i = 0; i < message.recent.length; ++i)
                            writer.uint32(/* id 10, wireType 2 =*/82).string(message.recent[i]);
                    return writer;
                };

                /**
                 * Decodes a SessionVerdict message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.SessionVerdict
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.SessionVerdict} SessionVerdict
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SessionVerdict.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.SessionVerdict();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.session_id = reader.string();
                                break;
                            }
                        case 2: {
                                message.is_anomaly = reader.bool();
                                break;
                            }
                        case 3: {
                                message.score = reader.float();
                                break;
                            }
                        case 4: {
                                if (!(message.reasons && message.reasons.length))
                                    message.reasons = [];
                                message.reasons.push(reader.string());
                                break;
                            }
                        case 5: {
                                message.model_version = reader.string();
                                break;
                            }
                        case 6: {
                                message.explanation = reader.string();
                                break;
                            }
                        case 7: {
                                message.records = reader.uint32();
                                break;
                            }
                        case 8: {
                                message.flagged_records = reader.uint32();
                                break;
                            }
                        case 9: {
                                message.status = reader.string();
                                break;
                            }
                        case 10: {
                                if (!(message.recent && message.recent.length))
                                    message.recent = [];
                                message.recent.push(reader.string());
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return SessionVerdict;
            })();

            v1.TrainOptions = (function() {

                /**
                 * Properties of a TrainOptions.
                 * @memberof sentinel.detector.v1
                 * @interface ITrainOptions
                 * @property {string|null} [log_format] TrainOptions log_format
                 * @property {string|null} [session_regex] TrainOptions session_regex
                 * @property {string|null} [session_field] TrainOptions session_field
                 * @property {number|null} [window] TrainOptions window
                 * @property {number|null} [top_g] TrainOptions top_g
                 * @property {number|null} [max_epochs] TrainOptions max_epochs
                 * @property {boolean|null} [activate] TrainOptions activate
                 * @property {string|null} [key_field] TrainOptions key_field
                 * @property {number|null} [value_confidence] TrainOptions value_confidence
                 */

                /**
                 * Constructs a new TrainOptions.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a TrainOptions.
                 * @implements ITrainOptions
                 * @constructor
                 * @param {sentinel.detector.v1.ITrainOptions=} [properties] Properties to set
                 */
                function TrainOptions(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * TrainOptions log_format.
                 * @member {string} log_format
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.log_format = "";

                /**
                 * TrainOptions session_regex.
                 * @member {string} session_regex
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.session_regex = "";

                /**
                 * TrainOptions session_field.
                 * @member {string} session_field
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.session_field = "";

                /**
                 * TrainOptions window.
                 * @member {number} window
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.window = 0;

                /**
                 * TrainOptions top_g.
                 * @member {number} top_g
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.top_g = 0;

                /**
                 * TrainOptions max_epochs.
                 * @member {number} max_epochs
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.max_epochs = 0;

                /**
                 * TrainOptions activate.
                 * @member {boolean} activate
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.activate = false;

                /**
                 * TrainOptions key_field.
                 * @member {string} key_field
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.key_field = "";

                /**
                 * TrainOptions value_confidence.
                 * @member {number|null|undefined} value_confidence
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @instance
                 */
                TrainOptions.prototype.value_confidence = null;

                // OneOf field names bound to virtual getters and setters
                var $oneOfFields;

                // Virtual OneOf for proto3 optional field
                Object.defineProperty(TrainOptions.prototype, "_value_confidence", {
                    get: $util.oneOfGetter($oneOfFields = ["value_confidence"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified TrainOptions message. Does not implicitly {@link sentinel.detector.v1.TrainOptions.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @static
                 * @param {sentinel.detector.v1.ITrainOptions} message TrainOptions message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TrainOptions.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.log_format != null && Object.hasOwnProperty.call(message, "log_format"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.log_format);
                    if (message.session_regex != null && Object.hasOwnProperty.call(message, "session_regex"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.session_regex);
                    if (message.session_field != null && Object.hasOwnProperty.call(message, "session_field"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.session_field);
                    if (message.window != null && Object.hasOwnProperty.call(message, "window"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.window);
                    if (message.top_g != null && Object.hasOwnProperty.call(message, "top_g"))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.top_g);
                    if (message.max_epochs != null && Object.hasOwnProperty.call(message, "max_epochs"))
                        writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.max_epochs);
                    if (message.activate != null && Object.hasOwnProperty.call(message, "activate"))
                        writer.uint32(/* id 7, wireType 0 =*/56).bool(message.activate);
                    if (message.key_field != null && Object.hasOwnProperty.call(message, "key_field"))
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.key_field);
                    if (message.value_confidence != null && Object.hasOwnProperty.call(message, "value_confidence"))
                        writer.uint32(/* id 9, wireType 1 =*/73).double(message.value_confidence);
                    return writer;
                };

                /**
                 * Decodes a TrainOptions message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.TrainOptions
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.TrainOptions} TrainOptions
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TrainOptions.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.TrainOptions();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.log_format = reader.string();
                                break;
                            }
                        case 2: {
                                message.session_regex = reader.string();
                                break;
                            }
                        case 3: {
                                message.session_field = reader.string();
                                break;
                            }
                        case 4: {
                                message.window = reader.uint32();
                                break;
                            }
                        case 5: {
                                message.top_g = reader.uint32();
                                break;
                            }
                        case 6: {
                                message.max_epochs = reader.uint32();
                                break;
                            }
                        case 7: {
                                message.activate = reader.bool();
                                break;
                            }
                        case 8: {
                                message.key_field = reader.string();
                                break;
                            }
                        case 9: {
                                message.value_confidence = reader.double();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return TrainOptions;
            })();

            v1.TrainRequest = (function() {

                /**
                 * Properties of a TrainRequest.
                 * @memberof sentinel.detector.v1
                 * @interface ITrainRequest
                 * @property {sentinel.detector.v1.ITrainOptions|null} [options] TrainRequest options
                 * @property {Array.<sentinel.detector.v1.ILogRecord>|null} [records] TrainRequest records
                 */

                /**
                 * Constructs a new TrainRequest.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a TrainRequest.
                 * @implements ITrainRequest
                 * @constructor
                 * @param {sentinel.detector.v1.ITrainRequest=} [properties] Properties to set
                 */
                function TrainRequest(properties) {
                    this.records = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * TrainRequest options.
                 * @member {sentinel.detector.v1.ITrainOptions|null|undefined} options
                 * @memberof sentinel.detector.v1.TrainRequest
                 * @instance
                 */
                TrainRequest.prototype.options = null;

                /**
                 * TrainRequest records.
                 * @member {Array.<sentinel.detector.v1.ILogRecord>} records
                 * @memberof sentinel.detector.v1.TrainRequest
                 * @instance
                 */
                TrainRequest.prototype.records = $util.emptyArray;

                /**
                 * Encodes the specified TrainRequest message. Does not implicitly {@link sentinel.detector.v1.TrainRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.TrainRequest
                 * @static
                 * @param {sentinel.detector.v1.ITrainRequest} message TrainRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TrainRequest.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.options != null && Object.hasOwnProperty.call(message, "options"))
                        $root.sentinel.detector.v1.TrainOptions.encode(message.options, writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    if (message.records != null && message.records.length)
                        for (var i = 0; i < message.records.length; ++i)
                            $root.sentinel.detector.v1.LogRecord.encode(message.records[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a TrainRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.TrainRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.TrainRequest} TrainRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TrainRequest.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.TrainRequest();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.options = $root.sentinel.detector.v1.TrainOptions.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 2: {
                                if (!(message.records && message.records.length))
                                    message.records = [];
                                message.records.push($root.sentinel.detector.v1.LogRecord.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return TrainRequest;
            })();

            v1.TrainProgress = (function() {

                /**
                 * Properties of a TrainProgress.
                 * @memberof sentinel.detector.v1
                 * @interface ITrainProgress
                 * @property {string|null} [phase] TrainProgress phase
                 * @property {Long|null} [records_received] TrainProgress records_received
                 * @property {number|null} [epoch] TrainProgress epoch
                 * @property {number|null} [epochs] TrainProgress epochs
                 * @property {number|null} [loss] TrainProgress loss
                 * @property {number|null} [validation_loss] TrainProgress validation_loss
                 * @property {number|null} [fraction] TrainProgress fraction
                 * @property {string|null} [model_version] TrainProgress model_version
                 * @property {string|null} [message] TrainProgress message
                 */

                /**
                 * Constructs a new TrainProgress.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a TrainProgress.
                 * @implements ITrainProgress
                 * @constructor
                 * @param {sentinel.detector.v1.ITrainProgress=} [properties] Properties to set
                 */
                function TrainProgress(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * TrainProgress phase.
                 * @member {string} phase
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.phase = "";

                /**
                 * TrainProgress records_received.
                 * @member {Long} records_received
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.records_received = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * TrainProgress epoch.
                 * @member {number} epoch
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.epoch = 0;

                /**
                 * TrainProgress epochs.
                 * @member {number} epochs
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.epochs = 0;

                /**
                 * TrainProgress loss.
                 * @member {number} loss
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.loss = 0;

                /**
                 * TrainProgress validation_loss.
                 * @member {number} validation_loss
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.validation_loss = 0;

                /**
                 * TrainProgress fraction.
                 * @member {number} fraction
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.fraction = 0;

                /**
                 * TrainProgress model_version.
                 * @member {string} model_version
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.model_version = "";

                /**
                 * TrainProgress message.
                 * @member {string} message
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @instance
                 */
                TrainProgress.prototype.message = "";

                /**
                 * Encodes the specified TrainProgress message. Does not implicitly {@link sentinel.detector.v1.TrainProgress.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @static
                 * @param {sentinel.detector.v1.ITrainProgress} message TrainProgress message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TrainProgress.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.phase != null && Object.hasOwnProperty.call(message, "phase"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.phase);
                    if (message.records_received != null && Object.hasOwnProperty.call(message, "records_received"))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.records_received);
                    if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.epoch);
                    if (message.epochs != null && Object.hasOwnProperty.call(message, "epochs"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.epochs);
                    if (message.loss != null && Object.hasOwnProperty.call(message, "loss"))
                        writer.uint32(/* id 5, wireType 1 =*/41).double(message.loss);
                    if (message.validation_loss != null && Object.hasOwnProperty.call(message, "validation_loss"))
                        writer.uint32(/* id 6, wireType 1 =*/49).double(message.validation_loss);
                    if (message.fraction != null && Object.hasOwnProperty.call(message, "fraction"))
                        writer.uint32(/* id 7, wireType 1 =*/57).double(message.fraction);
                    if (message.model_version != null && Object.hasOwnProperty.call(message, "model_version"))
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.model_version);
                    if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.message);
                    return writer;
                };

                /**
                 * Decodes a TrainProgress message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.TrainProgress
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.TrainProgress} TrainProgress
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TrainProgress.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.TrainProgress();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.phase = reader.string();
                                break;
                            }
                        case 2: {
                                message.records_received = reader.uint64();
                                break;
                            }
                        case 3: {
                                message.epoch = reader.uint32();
                                break;
                            }
                        case 4: {
                                message.epochs = reader.uint32();
                                break;
                            }
                        case 5: {
                                message.loss = reader.double();
                                break;
                            }
                        case 6: {
                                message.validation_loss = reader.double();
                                break;
                            }
                        case 7: {
                                message.fraction = reader.double();
                                break;
                            }
                        case 8: {
                                message.model_version = reader.string();
                                break;
                            }
                        case 9: {
                                message.message = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return TrainProgress;
            })();

            v1.GetModelRequest = (function() {

                /**
                 * Properties of a GetModelRequest.
                 * @memberof sentinel.detector.v1
                 * @interface IGetModelRequest
                 * @property {boolean|null} [include_workflows] GetModelRequest include_workflows
                 */

                /**
                 * Constructs a new GetModelRequest.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a GetModelRequest.
                 * @implements IGetModelRequest
                 * @constructor
                 * @param {sentinel.detector.v1.IGetModelRequest=} [properties] Properties to set
                 */
                function GetModelRequest(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * GetModelRequest include_workflows.
                 * @member {boolean} include_workflows
                 * @memberof sentinel.detector.v1.GetModelRequest
                 * @instance
                 */
                GetModelRequest.prototype.include_workflows = false;

                /**
                 * Encodes the specified GetModelRequest message. Does not implicitly {@link sentinel.detector.v1.GetModelRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.GetModelRequest
                 * @static
                 * @param {sentinel.detector.v1.IGetModelRequest} message GetModelRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                GetModelRequest.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.include_workflows != null && Object.hasOwnProperty.call(message, "include_workflows"))
                        writer.uint32(/* id 1, wireType 0 =*/8).bool(message.include_workflows);
                    return writer;
                };

                /**
                 * Decodes a GetModelRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.GetModelRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.GetModelRequest} GetModelRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                GetModelRequest.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.GetModelRequest();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.include_workflows = reader.bool();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return GetModelRequest;
            })();

            v1.ModelInfo = (function() {

                /**
                 * Properties of a ModelInfo.
                 * @memberof sentinel.detector.v1
                 * @interface IModelInfo
                 * @property {string|null} [version] ModelInfo version
                 * @property {string|null} [status] ModelInfo status
                 * @property {google.protobuf.ITimestamp|null} [created] ModelInfo created
                 * @property {number|null} [templates] ModelInfo templates
                 * @property {number|null} [vocabulary] ModelInfo vocabulary
                 * @property {number|null} [window] ModelInfo window
                 * @property {number|null} [top_g] ModelInfo top_g
                 * @property {Long|null} [learning_records] ModelInfo learning_records
                 * @property {Long|null} [learning_target] ModelInfo learning_target
                 * @property {string|null} [manifest_json] ModelInfo manifest_json
                 * @property {Array.<string>|null} [warnings] ModelInfo warnings
                 * @property {sentinel.detector.v1.IWorkflows|null} [workflows] ModelInfo workflows
                 */

                /**
                 * Constructs a new ModelInfo.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a ModelInfo.
                 * @implements IModelInfo
                 * @constructor
                 * @param {sentinel.detector.v1.IModelInfo=} [properties] Properties to set
                 */
                function ModelInfo(properties) {
                    this.warnings = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * ModelInfo version.
                 * @member {string} version
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.version = "";

                /**
                 * ModelInfo status.
                 * @member {string} status
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.status = "";

                /**
                 * ModelInfo created.
                 * @member {google.protobuf.ITimestamp|null|undefined} created
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.created = null;

                /**
                 * ModelInfo templates.
                 * @member {number} templates
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.templates = 0;

                /**
                 * ModelInfo vocabulary.
                 * @member {number} vocabulary
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.vocabulary = 0;

                /**
                 * ModelInfo window.
                 * @member {number} window
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.window = 0;

                /**
                 * ModelInfo top_g.
                 * @member {number} top_g
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.top_g = 0;

                /**
                 * ModelInfo learning_records.
                 * @member {Long} learning_records
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.learning_records = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * ModelInfo learning_target.
                 * @member {Long} learning_target
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.learning_target = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * ModelInfo manifest_json.
                 * @member {string} manifest_json
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.manifest_json = "";

                /**
                 * ModelInfo warnings.
                 * @member {Array.<string>} warnings
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.warnings = $util.emptyArray;

                /**
                 * ModelInfo workflows.
                 * @member {sentinel.detector.v1.IWorkflows|null|undefined} workflows
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @instance
                 */
                ModelInfo.prototype.workflows = null;

                // OneOf field names bound to virtual getters and setters
                var $oneOfFields;

                // Virtual OneOf for proto3 optional field
                Object.defineProperty(ModelInfo.prototype, "_workflows", {
                    get: $util.oneOfGetter($oneOfFields = ["workflows"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Encodes the specified ModelInfo message. Does not implicitly {@link sentinel.detector.v1.ModelInfo.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @static
                 * @param {sentinel.detector.v1.IModelInfo} message ModelInfo message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ModelInfo.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.version);
                    if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.status);
                    if (message.created != null && Object.hasOwnProperty.call(message, "created"))
                        $root.google.protobuf.Timestamp.encode(message.created, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                    if (message.templates != null && Object.hasOwnProperty.call(message, "templates"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.templates);
                    if (message.vocabulary != null && Object.hasOwnProperty.call(message, "vocabulary"))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.vocabulary);
                    if (message.window != null && Object.hasOwnProperty.call(message, "window"))
                        writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.window);
                    if (message.top_g != null && Object.hasOwnProperty.call(message, "top_g"))
                        writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.top_g);
                    if (message.learning_records != null && Object.hasOwnProperty.call(message, "learning_records"))
                        writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.learning_records);
                    if (message.learning_target != null && Object.hasOwnProperty.call(message, "learning_target"))
                        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.learning_target);
                    if (message.manifest_json != null && Object.hasOwnProperty.call(message, "manifest_json"))
                        writer.uint32(/* id 10, wireType 2 =*/82).string(message.manifest_json);
                    if (message.warnings != null && message.warnings.length)
                        for (var i = 0; i < message.warnings.length; ++i)
                            writer.uint32(/* id 11, wireType 2 =*/90).string(message.warnings[i]);
                    if (message.workflows != null && Object.hasOwnProperty.call(message, "workflows"))
                        $root.sentinel.detector.v1.Workflows.encode(message.workflows, writer.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a ModelInfo message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.ModelInfo
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.ModelInfo} ModelInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ModelInfo.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.ModelInfo();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.version = reader.string();
                                break;
                            }
                        case 2: {
                                message.status = reader.string();
                                break;
                            }
                        case 3: {
                                message.created = $root.google.protobuf.Timestamp.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 4: {
                                message.templates = reader.uint32();
                                break;
                            }
                        case 5: {
                                message.vocabulary = reader.uint32();
                                break;
                            }
                        case 6: {
                                message.window = reader.uint32();
                                break;
                            }
                        case 7: {
                                message.top_g = reader.uint32();
                                break;
                            }
                        case 8: {
                                message.learning_records = reader.uint64();
                                break;
                            }
                        case 9: {
                                message.learning_target = reader.uint64();
                                break;
                            }
                        case 10: {
                                message.manifest_json = reader.string();
                                break;
                            }
                        case 11: {
                                if (!(message.warnings && message.warnings.length))
                                    message.warnings = [];
                                message.warnings.push(reader.string());
                                break;
                            }
                        case 12: {
                                message.workflows = $root.sentinel.detector.v1.Workflows.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return ModelInfo;
            })();

            v1.Workflows = (function() {

                /**
                 * Properties of a Workflows.
                 * @memberof sentinel.detector.v1
                 * @interface IWorkflows
                 * @property {Array.<sentinel.detector.v1.ISessionWorkflow>|null} [types] Workflows types
                 */

                /**
                 * Constructs a new Workflows.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a Workflows.
                 * @implements IWorkflows
                 * @constructor
                 * @param {sentinel.detector.v1.IWorkflows=} [properties] Properties to set
                 */
                function Workflows(properties) {
                    this.types = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * Workflows types.
                 * @member {Array.<sentinel.detector.v1.ISessionWorkflow>} types
                 * @memberof sentinel.detector.v1.Workflows
                 * @instance
                 */
                Workflows.prototype.types = $util.emptyArray;

                /**
                 * Encodes the specified Workflows message. Does not implicitly {@link sentinel.detector.v1.Workflows.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.Workflows
                 * @static
                 * @param {sentinel.detector.v1.IWorkflows} message Workflows message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Workflows.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.types != null && message.types.length)
                        for (var i = 0; i < message.types.length; ++i)
                            $root.sentinel.detector.v1.SessionWorkflow.encode(message.types[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    return writer;
                };

                /**
                 * Decodes a Workflows message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.Workflows
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.Workflows} Workflows
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Workflows.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.Workflows();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (!(message.types && message.types.length))
                                    message.types = [];
                                message.types.push($root.sentinel.detector.v1.SessionWorkflow.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return Workflows;
            })();

            v1.SessionWorkflow = (function() {

                /**
                 * Properties of a SessionWorkflow.
                 * @memberof sentinel.detector.v1
                 * @interface ISessionWorkflow
                 * @property {string|null} [session_type] SessionWorkflow session_type
                 * @property {string|null} [session_type_template] SessionWorkflow session_type_template
                 * @property {Long|null} [sessions] SessionWorkflow sessions
                 * @property {Array.<sentinel.detector.v1.IWorkflowNode>|null} [nodes] SessionWorkflow nodes
                 * @property {Array.<sentinel.detector.v1.IWorkflowEdge>|null} [edges] SessionWorkflow edges
                 * @property {Array.<sentinel.detector.v1.IWorkflowEdge>|null} [concurrent] SessionWorkflow concurrent
                 * @property {Array.<string>|null} [loops] SessionWorkflow loops
                 */

                /**
                 * Constructs a new SessionWorkflow.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a SessionWorkflow.
                 * @implements ISessionWorkflow
                 * @constructor
                 * @param {sentinel.detector.v1.ISessionWorkflow=} [properties] Properties to set
                 */
                function SessionWorkflow(properties) {
                    this.nodes = [];
                    this.edges = [];
                    this.concurrent = [];
                    this.loops = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * SessionWorkflow session_type.
                 * @member {string} session_type
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.session_type = "";

                /**
                 * SessionWorkflow session_type_template.
                 * @member {string} session_type_template
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.session_type_template = "";

                /**
                 * SessionWorkflow sessions.
                 * @member {Long} sessions
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.sessions = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * SessionWorkflow nodes.
                 * @member {Array.<sentinel.detector.v1.IWorkflowNode>} nodes
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.nodes = $util.emptyArray;

                /**
                 * SessionWorkflow edges.
                 * @member {Array.<sentinel.detector.v1.IWorkflowEdge>} edges
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.edges = $util.emptyArray;

                /**
                 * SessionWorkflow concurrent.
                 * @member {Array.<sentinel.detector.v1.IWorkflowEdge>} concurrent
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.concurrent = $util.emptyArray;

                /**
                 * SessionWorkflow loops.
                 * @member {Array.<string>} loops
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @instance
                 */
                SessionWorkflow.prototype.loops = $util.emptyArray;

                /**
                 * Encodes the specified SessionWorkflow message. Does not implicitly {@link sentinel.detector.v1.SessionWorkflow.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @static
                 * @param {sentinel.detector.v1.ISessionWorkflow} message SessionWorkflow message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SessionWorkflow.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.session_type != null && Object.hasOwnProperty.call(message, "session_type"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.session_type);
                    if (message.session_type_template != null && Object.hasOwnProperty.call(message, "session_type_template"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.session_type_template);
                    if (message.sessions != null && Object.hasOwnProperty.call(message, "sessions"))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.sessions);
                    if (message.nodes != null && message.nodes.length)
                        for (var i = 0; i < message.nodes.length; ++i)
                            $root.sentinel.detector.v1.WorkflowNode.encode(message.nodes[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                    if (message.edges != null && message.edges.length)
                        for (var i = 0; i < message.edges.length; ++i)
                            $root.sentinel.detector.v1.WorkflowEdge.encode(message.edges[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                    if (message.concurrent != null && message.concurrent.length)
                        for (var i = 0; i < message.concurrent.length; ++i)
                            $root.sentinel.detector.v1.WorkflowEdge.encode(message.concurrent[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                    if (message.loops != null && message.loops.length)
                        for (var i = 0; i < message.loops.length; ++i)
                            writer.uint32(/* id 7, wireType 2 =*/58).string(message.loops[i]);
                    return writer;
                };

                /**
                 * Decodes a SessionWorkflow message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.SessionWorkflow
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.SessionWorkflow} SessionWorkflow
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SessionWorkflow.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.SessionWorkflow();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.session_type = reader.string();
                                break;
                            }
                        case 2: {
                                message.session_type_template = reader.string();
                                break;
                            }
                        case 3: {
                                message.sessions = reader.uint64();
                                break;
                            }
                        case 4: {
                                if (!(message.nodes && message.nodes.length))
                                    message.nodes = [];
                                message.nodes.push($root.sentinel.detector.v1.WorkflowNode.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 5: {
                                if (!(message.edges && message.edges.length))
                                    message.edges = [];
                                message.edges.push($root.sentinel.detector.v1.WorkflowEdge.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 6: {
                                if (!(message.concurrent && message.concurrent.length))
                                    message.concurrent = [];
                                message.concurrent.push($root.sentinel.detector.v1.WorkflowEdge.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 7: {
                                if (!(message.loops && message.loops.length))
                                    message.loops = [];
                                message.loops.push(reader.string());
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return SessionWorkflow;
            })();

            v1.WorkflowNode = (function() {

                /**
                 * Properties of a WorkflowNode.
                 * @memberof sentinel.detector.v1
                 * @interface IWorkflowNode
                 * @property {string|null} [template_id] WorkflowNode template_id
                 * @property {string|null} [template] WorkflowNode template
                 */

                /**
                 * Constructs a new WorkflowNode.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a WorkflowNode.
                 * @implements IWorkflowNode
                 * @constructor
                 * @param {sentinel.detector.v1.IWorkflowNode=} [properties] Properties to set
                 */
                function WorkflowNode(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * WorkflowNode template_id.
                 * @member {string} template_id
                 * @memberof sentinel.detector.v1.WorkflowNode
                 * @instance
                 */
                WorkflowNode.prototype.template_id = "";

                /**
                 * WorkflowNode template.
                 * @member {string} template
                 * @memberof sentinel.detector.v1.WorkflowNode
                 * @instance
                 */
                WorkflowNode.prototype.template = "";

                /**
                 * Encodes the specified WorkflowNode message. Does not implicitly {@link sentinel.detector.v1.WorkflowNode.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.WorkflowNode
                 * @static
                 * @param {sentinel.detector.v1.IWorkflowNode} message WorkflowNode message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                WorkflowNode.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.template_id != null && Object.hasOwnProperty.call(message, "template_id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.template_id);
                    if (message.template != null && Object.hasOwnProperty.call(message, "template"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.template);
                    return writer;
                };

                /**
                 * Decodes a WorkflowNode message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.WorkflowNode
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.WorkflowNode} WorkflowNode
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                WorkflowNode.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.WorkflowNode();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.template_id = reader.string();
                                break;
                            }
                        case 2: {
                                message.template = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return WorkflowNode;
            })();

            v1.WorkflowEdge = (function() {

                /**
                 * Properties of a WorkflowEdge.
                 * @memberof sentinel.detector.v1
                 * @interface IWorkflowEdge
                 * @property {string|null} [from_template_id] WorkflowEdge from_template_id
                 * @property {string|null} [to_template_id] WorkflowEdge to_template_id
                 * @property {Long|null} [count] WorkflowEdge count
                 */

                /**
                 * Constructs a new WorkflowEdge.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a WorkflowEdge.
                 * @implements IWorkflowEdge
                 * @constructor
                 * @param {sentinel.detector.v1.IWorkflowEdge=} [properties] Properties to set
                 */
                function WorkflowEdge(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * WorkflowEdge from_template_id.
                 * @member {string} from_template_id
                 * @memberof sentinel.detector.v1.WorkflowEdge
                 * @instance
                 */
                WorkflowEdge.prototype.from_template_id = "";

                /**
                 * WorkflowEdge to_template_id.
                 * @member {string} to_template_id
                 * @memberof sentinel.detector.v1.WorkflowEdge
                 * @instance
                 */
                WorkflowEdge.prototype.to_template_id = "";

                /**
                 * WorkflowEdge count.
                 * @member {Long} count
                 * @memberof sentinel.detector.v1.WorkflowEdge
                 * @instance
                 */
                WorkflowEdge.prototype.count = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Encodes the specified WorkflowEdge message. Does not implicitly {@link sentinel.detector.v1.WorkflowEdge.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.WorkflowEdge
                 * @static
                 * @param {sentinel.detector.v1.IWorkflowEdge} message WorkflowEdge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                WorkflowEdge.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.from_template_id != null && Object.hasOwnProperty.call(message, "from_template_id"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.from_template_id);
                    if (message.to_template_id != null && Object.hasOwnProperty.call(message, "to_template_id"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.to_template_id);
                    if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.count);
                    return writer;
                };

                /**
                 * Decodes a WorkflowEdge message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.WorkflowEdge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.WorkflowEdge} WorkflowEdge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                WorkflowEdge.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.WorkflowEdge();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.from_template_id = reader.string();
                                break;
                            }
                        case 2: {
                                message.to_template_id = reader.string();
                                break;
                            }
                        case 3: {
                                message.count = reader.uint64();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return WorkflowEdge;
            })();

            v1.FeedbackRequest = (function() {

                /**
                 * Properties of a FeedbackRequest.
                 * @memberof sentinel.detector.v1
                 * @interface IFeedbackRequest
                 * @property {Array.<sentinel.detector.v1.ILogRecord>|null} [records] FeedbackRequest records
                 * @property {string|null} [note] FeedbackRequest note
                 */

                /**
                 * Constructs a new FeedbackRequest.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a FeedbackRequest.
                 * @implements IFeedbackRequest
                 * @constructor
                 * @param {sentinel.detector.v1.IFeedbackRequest=} [properties] Properties to set
                 */
                function FeedbackRequest(properties) {
                    this.records = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * FeedbackRequest records.
                 * @member {Array.<sentinel.detector.v1.ILogRecord>} records
                 * @memberof sentinel.detector.v1.FeedbackRequest
                 * @instance
                 */
                FeedbackRequest.prototype.records = $util.emptyArray;

                /**
                 * FeedbackRequest note.
                 * @member {string} note
                 * @memberof sentinel.detector.v1.FeedbackRequest
                 * @instance
                 */
                FeedbackRequest.prototype.note = "";

                /**
                 * Encodes the specified FeedbackRequest message. Does not implicitly {@link sentinel.detector.v1.FeedbackRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.FeedbackRequest
                 * @static
                 * @param {sentinel.detector.v1.IFeedbackRequest} message FeedbackRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                FeedbackRequest.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.records != null && message.records.length)
                        for (var i = 0; i < message.records.length; ++i)
                            $root.sentinel.detector.v1.LogRecord.encode(message.records[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                    if (message.note != null && Object.hasOwnProperty.call(message, "note"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.note);
                    return writer;
                };

                /**
                 * Decodes a FeedbackRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.FeedbackRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.FeedbackRequest} FeedbackRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                FeedbackRequest.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.FeedbackRequest();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (!(message.records && message.records.length))
                                    message.records = [];
                                message.records.push($root.sentinel.detector.v1.LogRecord.decode(reader, reader.uint32(), undefined, long + 1));
                                break;
                            }
                        case 2: {
                                message.note = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return FeedbackRequest;
            })();

            v1.FeedbackResponse = (function() {

                /**
                 * Properties of a FeedbackResponse.
                 * @memberof sentinel.detector.v1
                 * @interface IFeedbackResponse
                 * @property {number|null} [accepted] FeedbackResponse accepted
                 * @property {Array.<string>|null} [template_ids] FeedbackResponse template_ids
                 * @property {number|null} [windows_learned] FeedbackResponse windows_learned
                 * @property {string|null} [model_version] FeedbackResponse model_version
                 */

                /**
                 * Constructs a new FeedbackResponse.
                 * @memberof sentinel.detector.v1
                 * @classdesc Represents a FeedbackResponse.
                 * @implements IFeedbackResponse
                 * @constructor
                 * @param {sentinel.detector.v1.IFeedbackResponse=} [properties] Properties to set
                 */
                function FeedbackResponse(properties) {
                    this.template_ids = [];
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * FeedbackResponse accepted.
                 * @member {number} accepted
                 * @memberof sentinel.detector.v1.FeedbackResponse
                 * @instance
                 */
                FeedbackResponse.prototype.accepted = 0;

                /**
                 * FeedbackResponse template_ids.
                 * @member {Array.<string>} template_ids
                 * @memberof sentinel.detector.v1.FeedbackResponse
                 * @instance
                 */
                FeedbackResponse.prototype.template_ids = $util.emptyArray;

                /**
                 * FeedbackResponse windows_learned.
                 * @member {number} windows_learned
                 * @memberof sentinel.detector.v1.FeedbackResponse
                 * @instance
                 */
                FeedbackResponse.prototype.windows_learned = 0;

                /**
                 * FeedbackResponse model_version.
                 * @member {string} model_version
                 * @memberof sentinel.detector.v1.FeedbackResponse
                 * @instance
                 */
                FeedbackResponse.prototype.model_version = "";

                /**
                 * Encodes the specified FeedbackResponse message. Does not implicitly {@link sentinel.detector.v1.FeedbackResponse.verify|verify} messages.
                 * @function encode
                 * @memberof sentinel.detector.v1.FeedbackResponse
                 * @static
                 * @param {sentinel.detector.v1.IFeedbackResponse} message FeedbackResponse message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                FeedbackResponse.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.accepted != null && Object.hasOwnProperty.call(message, "accepted"))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.accepted);
                    if (message.template_ids != null && message.template_ids.length)
                        for (var i = 0; i < message.template_ids.length; ++i)
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.template_ids[i]);
                    if (message.windows_learned != null && Object.hasOwnProperty.call(message, "windows_learned"))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.windows_learned);
                    if (message.model_version != null && Object.hasOwnProperty.call(message, "model_version"))
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.model_version);
                    return writer;
                };

                /**
                 * Decodes a FeedbackResponse message from the specified reader or buffer.
                 * @function decode
                 * @memberof sentinel.detector.v1.FeedbackResponse
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sentinel.detector.v1.FeedbackResponse} FeedbackResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                FeedbackResponse.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.sentinel.detector.v1.FeedbackResponse();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.accepted = reader.uint32();
                                break;
                            }
                        case 2: {
                                if (!(message.template_ids && message.template_ids.length))
                                    message.template_ids = [];
                                message.template_ids.push(reader.string());
                                break;
                            }
                        case 3: {
                                message.windows_learned = reader.uint32();
                                break;
                            }
                        case 4: {
                                message.model_version = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                return FeedbackResponse;
            })();

            return v1;
        })();

        return detector;
    })();

    return sentinel;
})();

$root.google = (function() {

    /**
     * Namespace google.
     * @exports google
     * @namespace
     */
    var google = {};

    google.protobuf = (function() {

        /**
         * Namespace protobuf.
         * @memberof google
         * @namespace
         */
        var protobuf = {};

        protobuf.Timestamp = (function() {

            /**
             * Properties of a Timestamp.
             * @memberof google.protobuf
             * @interface ITimestamp
             * @property {Long|null} [seconds] Timestamp seconds
             * @property {number|null} [nanos] Timestamp nanos
             */

            /**
             * Constructs a new Timestamp.
             * @memberof google.protobuf
             * @classdesc Represents a Timestamp.
             * @implements ITimestamp
             * @constructor
             * @param {google.protobuf.ITimestamp=} [properties] Properties to set
             */
            function Timestamp(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Timestamp seconds.
             * @member {Long} seconds
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.seconds = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Timestamp nanos.
             * @member {number} nanos
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.nanos = 0;

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @function encode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.ITimestamp} message Timestamp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Timestamp.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.seconds != null && Object.hasOwnProperty.call(message, "seconds"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.seconds);
                if (message.nanos != null && Object.hasOwnProperty.call(message, "nanos"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.nanos);
                return writer;
            };

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Timestamp.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Timestamp();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.seconds = reader.int64();
                            break;
                        }
                    case 2: {
                            message.nanos = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            return Timestamp;
        })();

        return protobuf;
    })();

    return google;
})();

module.exports = $root;
