using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace PeerBot.Teams;

/// <summary>
/// Everything Bot Framework SDK lives behind this folder, so that a port to another SDK touches it alone.
/// Configuration keys are the SDK samples' own: MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword,
/// MicrosoftAppTenantId. An empty MicrosoftAppId means local, unauthenticated use.
/// </summary>
public static class TeamsSetup
{
    /// <summary>The named HttpClient every Bot Framework connector call goes through (the outbound pipeline: retries and limits).</summary>
    public const string ConnectorClient = "BotConnector";

    /// <summary>The named HttpClient that fetches the channel's OpenID metadata and signing keys.</summary>
    public const string IdentityClient = "BotFrameworkIdentity";

    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.AddConnectorClient();
        services.AddSingleton<ConversationReferenceStore>();
        // Team owners count as PeerBot admins; Graph is asked who they are.
        services.AddMemoryCache();
        services.AddGraphClient();
        // Token requests (client credentials per tenant) go through MSAL on a client of ours: its URLs name tenants.
        // MSAL retries its own token requests, so this client has no retry pipeline of ours.
        services.AddHttpClient(GraphTokens.HttpClientName, client => client.Timeout = GraphTeamRoster.Timeout).RemoveAllLoggers();
        services.AddSingleton<Microsoft.Identity.Client.IMsalHttpClientFactory, MsalHttpClients>();
        services.AddSingleton<GraphTokens>();
        services.AddSingleton<TenantConsents>();
        services.AddSingleton<GraphTeamRoster>();
        services.AddSingleton<TeamInstallStore>();
        services.AddSingleton<TeamInstalls>();
        services.AddSingleton<PersonalInstallStore>();
        services.AddSingleton<TenantInstalls>();
        services.AddSingleton<Privacy.IMemberData, PersonalInstallData>();
        // The roster: where Teams members' emails come from (cached in memory; see TeamsRoster).
        services.AddSingleton<TeamsRoster>();
        services.AddSingleton<Profiles.IMemberRoster>(sp => sp.GetRequiredService<TeamsRoster>());
        services.AddSingleton<SentCards>();
        services.AddSingleton<Stats.ITeamOwners, TeamOwners>();
        services.AddSingleton<Conversations.IChannelMessenger, TeamsMessenger>();
        services.AddSingleton<Privacy.IMemberData, ConversationReferenceData>();
        services.AddSingleton<ServiceClientCredentialsFactory>(sp =>
            new ConfigurationServiceClientCredentialFactory(SdkConfiguration(sp.GetRequiredService<IConfiguration>()), logger: sp.GetRequiredService<ILogger<ConfigurationServiceClientCredentialFactory>>()));
        services.AddHttpClient(IdentityClient, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedContractAuthentication(new ChannelTokenValidation(
            new ConfigurationBotFrameworkAuthentication(
                SdkConfiguration(sp.GetRequiredService<IConfiguration>()),
                sp.GetRequiredService<ServiceClientCredentialsFactory>(),
                httpClientFactory: new NamedClientFactory(sp.GetRequiredService<IHttpClientFactory>(), ConnectorClient),
                logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>()),
            sp.GetRequiredService<ServiceClientCredentialsFactory>(),
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHttpClientFactory>())));
        // A factory lambda: CloudAdapter's public constructors are ambiguous to the container.
        services.AddSingleton(sp => TurnErrors.Attach(
            new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()),
            sp.GetRequiredService<ILogger<CloudAdapter>>()));
        services.AddSingleton<IBot, PeerBotHandler>();
        services.AddSingleton<Nudges.IChannelPoster, TeamsChannelPoster>();
        return services;
    }

    /// <summary>
    /// The configuration the SDK reads. An empty MicrosoftAppId means local use, whatever MicrosoftAppType says
    /// (the SDK would otherwise refuse to start a SingleTenant bot without an id).
    /// </summary>
    private static IConfiguration SdkConfiguration(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["MicrosoftAppId"])
            ? configuration
            : new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = "", ["MicrosoftAppPassword"] = "" })
                .Build();

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", OnActivityAsync);
        return endpoints;
    }

    private static async Task OnActivityAsync(HttpContext http, CloudAdapter adapter, IBot bot, ILoggerFactory loggers)
    {
        var problem = await ActivityRequestValidation.CheckAsync(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted);
        }
        catch (Exception e) when (TurnErrors.IsUnreachableCaller(e) && !http.Response.HasStarted)
        {
            // The turn ran but its replies could not reach the activity's serviceUrl: the caller's problem, not ours.
            TurnErrors.LogUnreachable(loggers.CreateLogger("PeerBot.Teams"), e.GetType().Name);
            await Results.Problem(detail: "Replies to the activity's serviceUrl failed.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
        }
    }
}

/// <summary>The SDK asks for the default client; it gets the connector's named one.</summary>
internal sealed class NamedClientFactory(IHttpClientFactory inner, string name) : IHttpClientFactory
{
    public HttpClient CreateClient(string _) => inner.CreateClient(name);
}
