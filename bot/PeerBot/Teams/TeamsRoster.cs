using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Caching.Memory;
using PeerBot.Profiles;

namespace PeerBot.Teams;

/// <summary>
/// The Teams roster: what <c>GET {serviceUrl}/v3/conversations/{id}/members/{userId}</c> says about a member (email,
/// UPN, name, whether a guest), the only place Teams gives an email. Answers are kept in memory, failures too (for
/// a few minutes), so a member costs at most one lookup however many cards need them; nothing here touches storage
/// except the conversation reference a lookup outside any turn of the member's needs. A lookup that fails (403, 429,
/// 500, a timeout, a body that is not a member) gives null and is logged by kind only: it never fails the turn.
/// </summary>
public sealed partial class TeamsRoster(
    CloudAdapter adapter,
    ConversationReferenceStore references,
    IConfiguration configuration,
    ILogger<TeamsRoster> logger) : IMemberRoster, IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Remembered = TimeSpan.FromHours(12);
    public static readonly TimeSpan FailureRemembered = TimeSpan.FromMinutes(10);
    private const int MaxRemembered = 200_000;

    private readonly MemoryCache _contacts = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });
    private readonly MemoryCache _references = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    /// <summary>How long one lookup may take (<c>Teams:RosterTimeout</c>).</summary>
    public TimeSpan Timeout => configuration.GetValue("Teams:RosterTimeout", DefaultTimeout);

    /// <summary>Teams members: ids from the Teams channel.</summary>
    public bool Knows(string memberId) => memberId.StartsWith("msteams:", StringComparison.Ordinal);

    /// <summary>What this instance already knows about the member (free: memory only).</summary>
    public MemberContact? Known(string memberId) =>
        _contacts.TryGetValue(memberId, out Entry? entry) ? entry!.Contact : null;

    /// <summary>Whether the roster was asked about the member lately (its answer, or its failure, is remembered).</summary>
    public bool WasAsked(string memberId) => _contacts.TryGetValue(memberId, out Entry? _);

    /// <summary>Keeps the member's latest conversation reference in memory, so a lookup during their turns reads no storage.</summary>
    public void RememberReference(string memberId, ConversationReference reference) =>
        _references.Set(memberId, reference, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Remembered });

    public async Task<MemberContact?> LookUpAsync(string memberId, CancellationToken cancellationToken)
    {
        if (_contacts.TryGetValue(memberId, out Entry? entry))
        {
            return entry!.Contact;
        }
        var reference = _references.TryGetValue(memberId, out ConversationReference? recent) ? recent : await references.GetReachableAsync(memberId, cancellationToken);
        if (reference?.Conversation?.Id is not { Length: > 0 } || reference.ChannelId != Channels.Msteams)
        {
            Remember(memberId, null);
            return null;
        }
        TeamsChannelAccount? account = null;
        Exception? failure = null;
        await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference, async (turnContext, ct) =>
        {
            try
            {
                account = await AskAsync(turnContext, reference.User?.Id ?? memberId["msteams:".Length..], ct);
            }
            catch (Exception e)
            {
                // Caught here, not in the adapter: its error handler would post an apology into the member's chat.
                failure = e;
            }
        }, cancellationToken);
        if (failure is not null)
        {
            return Failed(memberId, failure, cancellationToken);
        }
        return Remember(memberId, account);
    }

    /// <summary>
    /// Looks a member up from inside a turn in their conversation (a join, an install), through that turn's own
    /// connector. Null when the lookup fails; the turn goes on without the details.
    /// </summary>
    public async Task<TeamsChannelAccount?> LookUpInTurnAsync(ITurnContext turnContext, ChannelAccount member, string memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(member);
        try
        {
            var account = await AskAsync(turnContext, member.Id ?? member.AadObjectId ?? "", cancellationToken);
            Remember(memberId, account);
            return account;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(memberId, e, cancellationToken);
            return null;
        }
    }

    public void Dispose()
    {
        _contacts.Dispose();
        _references.Dispose();
    }

    private async Task<TeamsChannelAccount?> AskAsync(ITurnContext turnContext, string userId, CancellationToken cancellationToken)
    {
        if (userId.Length == 0)
        {
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await TeamsInfo.GetMemberAsync(turnContext, userId, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The roster did not answer in time.");
        }
    }

    private MemberContact? Remember(string memberId, TeamsChannelAccount? account)
    {
        var contact = account is null ? null : new MemberContact(
            Blank(account.Email), Blank(account.UserPrincipalName), OrganizationKeys.IsGuest(account.UserRole, account.UserPrincipalName), Blank(account.Name));
        if (contact is { Email: null, Upn: null })
        {
            contact = null;
        }
        _contacts.Set(memberId, new Entry(contact), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = contact is null ? FailureRemembered : Remembered,
        });
        return contact;
    }

    private MemberContact? Failed(string memberId, Exception failure, CancellationToken cancellationToken)
    {
        if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw failure;
        }
        // Only a kind and a status: messages can carry the request URL, and that URL names a person.
        LogFailed(logger, failure.GetType().Name, StatusOf(failure));
        return Remember(memberId, null);
    }

    private static int StatusOf(Exception failure) => failure switch
    {
        ErrorResponseException e => (int?)e.Response?.StatusCode ?? 0,
        Microsoft.Rest.HttpOperationException e => (int?)e.Response?.StatusCode ?? 0,
        HttpRequestException e => (int?)e.StatusCode ?? 0,
        _ => 0,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record Entry(MemberContact? Contact);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster lookup failed ({Failure}, status {Status}); the member's contact details stay as they were.")]
    private static partial void LogFailed(ILogger logger, string failure, int status);
}
