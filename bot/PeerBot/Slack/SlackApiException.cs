namespace PeerBot.Slack;

/// <summary>A Slack Web API call answered <c>ok:false</c> (or failed over HTTP); <see cref="Error"/> is Slack's error code.</summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException() : this("unknown", "unknown_error") { }

    public SlackApiException(string message) : base(message) => (Method, Error) = ("unknown", "unknown_error");

    public SlackApiException(string message, Exception inner) : base(message, inner) => (Method, Error) = ("unknown", "unknown_error");

    public SlackApiException(string method, string error) : base($"Slack {method} failed: {error}") => (Method, Error) = (method, error);

    public SlackApiException(string method, string error, Exception inner) : base($"Slack {method} failed: {error}", inner) => (Method, Error) = (method, error);

    public string Method { get; }

    /// <summary>Slack's error code, e.g. <c>channel_not_found</c>, <c>ratelimited</c>, or <c>http_503</c>.</summary>
    public string Error { get; }
}
