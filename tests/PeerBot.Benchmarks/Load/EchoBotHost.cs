using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerBot.Teams;

namespace PeerBot.Benchmarks.Load;

/// <summary>
/// The Bot Framework SDK's echo bot as its samples build it, except for the one shared contract resolver PeerBot uses
/// (<see cref="SharedContractAuthentication"/>): the yardstick the load run compares PeerBot with. Run as its own
/// process from this build: <c>PeerBot.Benchmarks echo-bot PORT</c>.
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
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedContractAuthentication(new ConfigurationBotFrameworkAuthentication(sp.GetRequiredService<IConfiguration>())));
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
