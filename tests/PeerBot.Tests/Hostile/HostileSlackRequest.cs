using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using PeerBot.Slack;
using PeerBot.Tests.Slack;

namespace PeerBot.Tests.Hostile;

/// <summary>How a hostile Slack request is signed: correctly, or in one of the ways a forger might try.</summary>
public enum SlackSigning
{
    Valid,
    Missing,
    WrongSecret,
    Stale,
    Ahead,
    Tampered,
    Garbage,
    NotANumber,
}

/// <summary>One request for a Slack endpoint and what kind of abuse it is.</summary>
public sealed record HostileSlackRequest(string Kind, string Path, byte[] Body, SlackSigning Signing = SlackSigning.Valid)
{
    public string ContentType { get; init; } = "application/x-www-form-urlencoded";

    /// <summary>Sent without a Content-Length, so only reading the body shows how big it is.</summary>
    public bool Unsized { get; init; }

    public bool OverLimit => Body.Length > SlackRequestFilter.MaxBodyBytes;

    /// <summary>What the endpoint must answer: 413 over the body limit, 401 when not genuinely signed, otherwise anything but a 5xx.</summary>
    public HttpStatusCode? Required => OverLimit ? HttpStatusCode.RequestEntityTooLarge : Signing != SlackSigning.Valid ? HttpStatusCode.Unauthorized : null;

    public HttpRequestMessage ToRequest(DateTimeOffset now)
    {
        var ts = now.ToUnixTimeSeconds();
        HttpContent content = Unsized ? new UnsizedContent(Body) : new ByteArrayContent(Body);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        var (timestamp, signature) = Signing switch
        {
            SlackSigning.Valid => (Stamp(ts), Sign(Body, Stamp(ts))),
            SlackSigning.Missing => (null, null),
            SlackSigning.WrongSecret => (Stamp(ts), Sign(Body, Stamp(ts), "not-the-signing-secret")),
            SlackSigning.Stale => (Stamp(ts - 360), Sign(Body, Stamp(ts - 360))),
            SlackSigning.Ahead => (Stamp(ts + 360), Sign(Body, Stamp(ts + 360))),
            SlackSigning.Tampered => (Stamp(ts), Sign([.. Body, (byte)'x'], Stamp(ts))),
            SlackSigning.Garbage => (Stamp(ts), "v0=" + new string('z', 64)),
            _ => (Stamp(ts) + "a", Sign(Body, Stamp(ts) + "a")),
        };
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, timestamp);
            request.Headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, signature);
        }
        return request;
    }

    /// <summary>Slack's signature over raw bytes, which may not be UTF-8 at all.</summary>
    public static string Sign(byte[] body, string timestamp, string secret = SlackRequests.SigningSecret)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        return "v0=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    public override string ToString() =>
        $"{Kind} → {Path}, {Signing}, {Body.Length} bytes: {Encoding.UTF8.GetString(Body, 0, Math.Min(1500, Body.Length))}";

    private static string Stamp(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    private sealed class UnsizedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
