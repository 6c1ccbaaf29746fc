using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Http;

namespace PeerBot.Telemetry;

/// <summary>
/// Counts every outbound HTTP attempt of a named client by status (429s included), as the innermost handler, so
/// that each retry the client's own handlers make is counted too.
/// </summary>
public sealed class OutboundCalls(string client) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            PeerBotTelemetry.Outbound(client, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            PeerBotTelemetry.Outbound(client, e is OperationCanceledException ? "cancelled" : "failed", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}

/// <summary>Puts <see cref="OutboundCalls"/> innermost in every named client the factory builds, tagged with the client's name.</summary>
internal sealed class OutboundCallsFilter : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Add(new OutboundCalls(string.IsNullOrEmpty(builder.Name) ? "default" : builder.Name));
    };
}
