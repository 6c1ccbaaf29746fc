using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PeerBot.Conversations;
using PeerBot.Outbound;

namespace PeerBot.Slack;

/// <summary>
/// PeerBot in Slack: signed request URLs for commands, events and interactions (<c>/slack/*</c>), turned into
/// <see cref="ChatTurn"/>s for the same router as Teams and answered in Block Kit; a durable backlog between the
/// acknowledgement and the work; the Web API client; and installs in many workspaces. Configuration: the
/// <c>Slack</c> section (<see cref="SlackOptions"/>).
/// </summary>
public static class SlackSetup
{
    /// <summary>The channel name Slack members' ids and turns carry (<c>slack:{team}:{user}</c>).</summary>
    public const string ChannelId = "slack";

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSlackApi();
        services.AddSingleton<SlackMembers>();
        services.AddSingleton<SlackInstallationStore>();
        services.AddSingleton<SlackWorkspaces>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackBacklog>();
        services.AddSingleton<SlackWorkers>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackWorkers>());
        services.AddSingleton<IChannelMessenger, SlackMessenger>();
        services.AddSingleton<Nudges.IChannelPoster, SlackChannelPoster>();
        services.AddSingleton<Privacy.IMemberData, SlackMemberData>();

        // Bot tokens are encrypted with Data Protection; its keys live in our own table storage.
        services.AddSingleton<TableXmlRepository>();
        services.AddDataProtection().SetApplicationName("PeerBot");
        services.AddOptions<KeyManagementOptions>().Configure<TableXmlRepository>((keys, repository) => keys.XmlRepository = repository);
        return services;
    }

    /// <summary>
    /// The Web API client and its named HttpClient, behind the outbound pipeline: 429 (after Retry-After, unless
    /// that is longer than <see cref="SlackOptions.MaxRetryAfter"/>), 412, 5xx and lost connections are retried
    /// with jittered back-off, and chat.postMessage keeps to <see cref="SlackOptions.MessageInterval"/> per channel.
    /// </summary>
    public static IServiceCollection AddSlackApi(this IServiceCollection services)
    {
        services.AddHttpClient(SlackApi.HttpClientName, (sp, client) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl.ToString();
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            // Covers every try and back-off of one call.
            client.Timeout = TimeSpan.FromSeconds(90);
        })
            // No URL in the logs: a response_url is a capability to post as the bot.
            .RemoveAllLoggers()
            .AddOutboundPipeline(sp => Retry(sp.GetRequiredService<IOptions<SlackOptions>>().Value));
        services.AddSingleton<SlackApi>();
        return services;
    }

    private static OutboundRetry Retry(SlackOptions options) => new()
    {
        MaxAttempts = options.MaxRetries + 1,
        BaseDelay = options.RetryDelay,
        MaxRetryAfter = options.MaxRetryAfter,
        AlsoRetried = ServerErrors,
        RetryUnanswered = true,
        AttemptTimeout = TimeSpan.FromSeconds(15),
    };

    private static readonly IReadOnlySet<System.Net.HttpStatusCode> ServerErrors =
        Enumerable.Range(500, 100).Select(code => (System.Net.HttpStatusCode)code).ToHashSet();

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        var signed = endpoints.MapGroup("/slack").AddEndpointFilter<SlackRequestFilter>();
        signed.MapPost("/commands", SlackEndpoints.Commands);
        signed.MapPost("/events", SlackEndpoints.Events);
        signed.MapPost("/interactions", SlackEndpoints.Interactions);
        endpoints.MapGet("/slack/install", SlackOAuth.Install);
        endpoints.MapGet(SlackOAuth.CallbackPath, SlackOAuth.CallbackAsync);
        return endpoints;
    }
}
