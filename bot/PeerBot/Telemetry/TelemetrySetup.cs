using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PeerBot.Telemetry;

public static class TelemetrySetup
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Traces, metrics and logs to Application Insights (OpenTelemetry, Azure Monitor distro) when
    /// APPLICATIONINSIGHTS_CONNECTION_STRING is set. Without it no exporter is registered and nothing leaves the
    /// process; the instruments still count, for anyone listening in process.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IHttpMessageHandlerBuilderFilter, OutboundCallsFilter>();
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .UseAzureMonitor(options => options.ConnectionString = connectionString)
            .WithTracing(tracing => tracing.AddSource(PeerBotTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(PeerBotTelemetry.Name));
        return services;
    }
}
