using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace PeerBot.Tests;

/// <summary>
/// A quiet HTTP server on 127.0.0.1 for the stubs that stand in for Slack, the Teams connector and Graph: only
/// loopback, so nothing outside the machine reaches them, and no logging of their own to bury the bot's.
/// </summary>
public static class LoopbackApp
{
    /// <param name="port">The port to listen on; 0 lets the system pick one.</param>
    public static WebApplication Create(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}
