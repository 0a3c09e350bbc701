using System.Text.Json.Nodes;

namespace MspasTramite.PaymentSandbox.Api;

/// An error answered in Stripe's format: {"error": {"type", "code", "message", "param"}}.
internal sealed class StripeApiException : Exception
{
    public StripeApiException(int statusCode, string type, string message, string? code = null, string? param = null)
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Code = code;
        Param = param;
    }

    public StripeApiException()
        : this(StatusCodes.Status400BadRequest, "invalid_request_error", "Invalid request.")
    {
    }

    public StripeApiException(string message)
        : this(StatusCodes.Status400BadRequest, "invalid_request_error", message)
    {
    }

    public StripeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status400BadRequest;
        Type = "invalid_request_error";
    }

    public int StatusCode { get; }

    public string Type { get; }

    public string? Code { get; }

    public string? Param { get; }

    public static StripeApiException InvalidRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", message, code, param);

    public static StripeApiException Missing(string param) =>
        InvalidRequest($"Missing required param: {param}.", param, "parameter_missing");

    public static StripeApiException InvalidInteger(string param, string value) =>
        InvalidRequest($"Invalid integer: {value}", param, "parameter_invalid_integer");

    public static StripeApiException NoSuch(string objectName, string id, string param) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", $"No such {objectName}: '{id}'", "resource_missing", param);

    public JsonObject ToJson()
    {
        var error = new JsonObject();
        if (Code is not null)
        {
            error["code"] = Code;
            error["doc_url"] = "https://stripe.com/docs/error-codes/" + Code.Replace('_', '-');
        }

        error["message"] = Message;
        if (Param is not null)
        {
            error["param"] = Param;
        }

        error["type"] = Type;
        return new JsonObject { ["error"] = error };
    }
}
