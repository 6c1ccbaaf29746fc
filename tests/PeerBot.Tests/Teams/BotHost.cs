using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>The real app, in process, on its own tables in the shared Azurite, unauthenticated (empty MicrosoftAppId).</summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public BotHost(string prefixHint, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        TablePrefix = Azurite.UniquePrefix(prefixHint);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = TablePrefix,
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["Demo:Seed"] = "false",
            // Tests drive the expiry sweep themselves, so the background one waits (almost) forever.
            ["Intros:SweepInterval"] = "40.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string TablePrefix { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The console shows warnings and errors only, so a failing test's story is not buried under every turn's
        // log lines; sinks that tests attach still receive everything.
        builder.ConfigureLogging(logging => logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning));
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        // Read while services are registered (it decides whether telemetry is exported), which is before the
        // configuration above applies; a host setting is there from the start.
        if (_settings.TryGetValue(PeerBot.Telemetry.TelemetrySetup.ConnectionStringKey, out var telemetry))
        {
            builder.UseSetting(PeerBot.Telemetry.TelemetrySetup.ConnectionStringKey, telemetry);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
