using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerBot.Benchmarks.Teams;
using PeerBot.Teams;

namespace PeerBot.Benchmarks.Load;

/// <summary>
/// The Bot Framework SDK's echo bot as its samples build it, the yardstick the load run compares PeerBot with, in two
/// wirings. <c>PeerBot.Benchmarks echo-bot PORT</c> wires it as PeerBot does (<see cref="SharedContractAuthentication"/>:
/// one shared contract resolver, ConnectorClients kept between turns, no user-token client unless used).
/// <c>PeerBot.Benchmarks echo-bot PORT per-turn</c> keeps the SDK's clients built per turn and only shares the resolver,
/// the echo bot issue 12 measured PeerBot against. Each runs as its own process from this build.
/// </summary>
public static class EchoBotHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["MicrosoftAppPassword"] = "", ["MicrosoftAppType"] = "" });
        var perTurn = args.Length > 1 && args[1] == "per-turn";
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            var sdk = new ConfigurationBotFrameworkAuthentication(sp.GetRequiredService<IConfiguration>());
            return perTurn ? new ResolverOnlyAuthentication(sdk) : new SharedContractAuthentication(sdk);
        });
        builder.Services.AddSingleton(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>()));
        builder.Services.AddSingleton<IBot, EchoBot>();
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok());
        app.MapPost("/api/messages", (HttpContext http, CloudAdapter adapter, IBot bot) => adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
        await app.RunAsync();
        return 0;
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
    }
}
