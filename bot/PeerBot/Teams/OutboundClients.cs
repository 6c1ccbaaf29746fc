using Microsoft.Extensions.Options;
using PeerBot.Outbound;

namespace PeerBot.Teams;

/// <summary>The Teams edge's outbound HttpClients: the Bot Framework connector and Microsoft Graph, each behind the outbound pipeline.</summary>
public static class OutboundClients
{
    /// <summary>
    /// The connector's client: retries per <see cref="ConnectorOptions"/>, tenant and conversation limits. It logs no
    /// URLs (nor opens log scopes naming them): a conversation id can carry a member's object id.
    /// </summary>
    public static IServiceCollection AddConnectorClient(this IServiceCollection services)
    {
        services.AddOptions<ConnectorOptions>().BindConfiguration(ConnectorOptions.Section);
        services.AddHttpClient(TeamsSetup.ConnectorClient).RemoveAllLoggers().AddOutboundPipeline(
            sp => Retry(sp.GetRequiredService<IOptions<ConnectorOptions>>().Value),
            (sp, request, cancellationToken) => ConnectorBudgets.ForAsync(request, sp.GetRequiredService<IOptions<ConnectorOptions>>().Value.TenantPerSecond, cancellationToken));
        return services;
    }

    /// <summary>
    /// Graph's client. An owner lookup happens inside a member's turn and gives up after
    /// <see cref="GraphTeamRoster.Timeout"/>, so its retries are few and short. It logs nothing: its URLs name people.
    /// </summary>
    public static IServiceCollection AddGraphClient(this IServiceCollection services)
    {
        services.AddHttpClient(GraphTeamRoster.Client, client => client.Timeout = GraphTeamRoster.Timeout)
            .RemoveAllLoggers()
            .AddOutboundPipeline(_ => new OutboundRetry
            {
                MaxAttempts = 3,
                BaseDelay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(1),
                MaxRetryAfter = TimeSpan.FromSeconds(2),
                MaxRetryDuration = TimeSpan.FromSeconds(3),
            });
        return services;
    }

    /// <summary>The connector's retry rules from its options.</summary>
    public static OutboundRetry Retry(ConnectorOptions options) => new()
    {
        MaxAttempts = options.MaxAttempts,
        BaseDelay = options.BaseDelay,
        MaxDelay = options.MaxDelay,
        MaxRetryAfter = options.MaxRetryDuration,
        MaxRetryDuration = options.MaxRetryDuration,
    };
}
