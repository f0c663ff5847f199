/**
 * One error type, one JSON shape: {error:{code,message,message_en,details}}. Handlers throw ApiError;
 * app.ts's onError maps ApiError, validation errors and database errors to this shape.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_parameter: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  db_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; message_en: string; details?: unknown };
}

export class ApiError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    /** zh-CN message, shown first */
    readonly message_zh: string,
    readonly message_en: string,
    readonly details?: unknown,
  ) {
    super(message_en);
    this.status = ERROR_STATUS[code];
  }
  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message_zh, message_en: this.message_en } };
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}

export const badParam = (param: string, zh: string, en: string, details?: unknown) =>
  new ApiError('invalid_parameter', `参数 ${param} 无效：${zh}`, `Invalid parameter ${param}: ${en}`, details ?? { param });

export const notFound = (what_zh: string, what_en: string, details?: unknown) =>
  new ApiError('not_found', `未找到${what_zh}`, `${what_en} not found`, details);

/** The database cannot be reached (connection refused, closed, PGlite not ready). Maps to 503. */
export class DbUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}
