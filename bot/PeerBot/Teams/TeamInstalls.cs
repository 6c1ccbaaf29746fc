using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace PeerBot.Teams;

/// <summary>
/// Which team an activity comes from, by its Microsoft 365 group id (the id Graph knows it by), and a record of the
/// teams PeerBot is installed in. Channel data usually carries the group id; when it does not, the team's details are
/// asked of the connector once and kept with the install.
/// </summary>
public sealed partial class TeamInstalls(TeamInstallStore store, TimeProvider clock, ILogger<TeamInstalls> logger)
{
    // Every channel turn asks for its team; a team's group id never changes, so each instance reads it once.
    private readonly ConcurrentDictionary<(string Tenant, string Team), string> _known = new();

    /// <summary>The group id of the team a channel activity comes from (recording the install); null outside team channels.</summary>
    public async Task<string?> TeamOfAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (Scope(turnContext.Activity) is not { } scope)
        {
            return null;
        }
        var (tenant, team) = scope;
        if (_known.TryGetValue((tenant, team.Id), out var remembered))
        {
            return remembered;
        }
        if (await store.GetAsync(tenant, team.Id, cancellationToken) is { AadGroupId.Length: > 0 } known)
        {
            _known[(tenant, team.Id)] = known.AadGroupId;
            return known.AadGroupId;
        }
        return await RecordAsync(turnContext, tenant, team, cancellationToken);
    }

    /// <summary>PeerBot was added to a team (conversationUpdate or installationUpdate in team scope).</summary>
    public async Task AddedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (Scope(turnContext.Activity) is { } scope)
        {
            await RecordAsync(turnContext, scope.Tenant, scope.Team, cancellationToken);
        }
    }

    /// <summary>PeerBot was removed from a team: its owners stop counting as PeerBot admins.</summary>
    public async Task RemovedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        if (Scope(activity) is { } scope)
        {
            _known.TryRemove((scope.Tenant, scope.Team.Id), out _);
            await store.DeleteAsync(scope.Tenant, scope.Team.Id, cancellationToken);
        }
    }

    private async Task<string?> RecordAsync(ITurnContext turnContext, string tenant, TeamInfo team, CancellationToken cancellationToken)
    {
        var groupId = team.AadGroupId is { Length: > 0 } given ? given : await LookUpAsync(turnContext, team.Id, cancellationToken);
        if (groupId is null)
        {
            return null;
        }
        await store.SaveAsync(new TeamInstall(tenant, team.Id, groupId, clock.GetUtcNow()), cancellationToken);
        _known[(tenant, team.Id)] = groupId;
        return groupId;
    }

    private async Task<string?> LookUpAsync(ITurnContext turnContext, string teamId, CancellationToken cancellationToken)
    {
        try
        {
            return (await TeamDetailsAsync(turnContext, teamId, cancellationToken))?.AadGroupId is { Length: > 0 } id ? id : null;
        }
        catch (Exception e) when (e is ErrorResponseException or HttpRequestException or InvalidOperationException or Microsoft.Rest.HttpOperationException)
        {
            // Without the group id nobody can be checked as the team's owner; the turn goes on without it.
            LogLookUpFailed(logger, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// TeamsInfo.GetTeamDetailsAsync, on the turn's own HTTP client: given a lent connector (<see cref="KeptConnectors"/>)
    /// rather than the SDK's class, TeamsInfo would build a client on a bare HttpClient, outside the outbound pipeline.
    /// </summary>
    private static async Task<TeamDetails?> TeamDetailsAsync(ITurnContext turnContext, string teamId, CancellationToken cancellationToken)
    {
        var lent = turnContext.TurnState.Get<IConnectorClient>();
        if ((lent as IKeptConnector)?.Kept is not ConnectorClient connector)
        {
            return await TeamsInfo.GetTeamDetailsAsync(turnContext, teamId, cancellationToken);
        }
        using var teams = new Microsoft.Bot.Connector.Teams.TeamsConnectorClient(connector.BaseUri, connector.Credentials, connector.HttpClient, disposeHttpClient: false);
        return await Microsoft.Bot.Connector.Teams.TeamsOperationsExtensions.FetchTeamDetailsAsync(teams.Teams, teamId, cancellationToken);
    }

    /// <summary>The tenant and team of a Teams activity in team scope, or null.</summary>
    private static (string Tenant, TeamInfo Team)? Scope(IActivity activity)
    {
        if (activity.ChannelId != Channels.Msteams)
        {
            return null;
        }
        TeamsChannelData? data;
        try
        {
            data = activity.GetChannelData<TeamsChannelData>();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Channel data of the wrong shape names no team; the turn goes on as one outside a team.
            return null;
        }
        var tenant = activity.Conversation?.TenantId ?? data?.Tenant?.Id;
        return data?.Team is { Id.Length: > 0 } team && tenant is { Length: > 0 } ? (tenant, team) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team details lookup failed ({Failure}); team owners of this team are not recognised for now.")]
    private static partial void LogLookUpFailed(ILogger logger, string failure);
}
