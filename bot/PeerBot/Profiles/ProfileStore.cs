using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Profiles;

/// <summary>
/// Profiles in Azure Table Storage, one row per member, written with ETag concurrency. Every write and delete is
/// announced in the <see cref="ChangeLog"/> (stream <see cref="Stream"/>), which other instances follow. Organization
/// keys are recomputed under the deployment's <see cref="OrganizationPolicy"/> on every read and write, so a changed
/// rule (or a changed email) takes effect as profiles load, and the in-memory directory follows.
/// </summary>
public sealed class ProfileStore(TableServiceClient service, TableNames names, ChangeLog changes, OrganizationPolicy? policy = null)
{
    /// <summary>The change stream of profiles; a record's key and only member is the member id.</summary>
    public const string Stream = "profiles";

    private readonly TableClient _table = service.GetTableClient(names.Profiles);
    private readonly OrganizationPolicy _policy = policy ?? OrganizationPolicy.Default;

    public OrganizationPolicy Policy => _policy;

    /// <summary>Raised after a profile is written by this instance, so in-process indexes see it at once.</summary>
    public event Action<Peer>? Saved;

    /// <summary>Raised after a profile is deleted by this instance.</summary>
    public event Action<string>? Deleted;

    public async Task<StoredPeer?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(id), TableKeys.Escape(id), cancellationToken: cancellationToken);
        return response.HasValue ? new StoredPeer(FromEntity(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>
    /// Writes a profile. With an ETag, the write fails with <see cref="ConcurrentEditException"/> if the row
    /// changed since it was read; with none, it must not exist yet, or it is overwritten when <paramref name="overwrite"/> is set.
    /// </summary>
    public async Task<ETag> SaveAsync(Peer peer, ETag? expected, CancellationToken cancellationToken, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(peer);
        peer = _policy.Apply(peer);
        var entity = ToEntity(peer);
        try
        {
            var response = await changes.RecordAsync(Stream, peer.Id, ChangeKinds.Saved, [peer.Id], () =>
                expected is { } etag ? _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : overwrite ? _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken)
                : _table.AddEntityAsync(entity, cancellationToken), cancellationToken);
            Saved?.Invoke(peer);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && expected is not null))
        {
            // 404 on a conditional write: the profile was deleted (forgotten) after it was read, a lost race too.
            throw new ConcurrentEditException($"Profile {peer.Id} was changed by someone else.", e);
        }
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await changes.RecordAsync(Stream, id, ChangeKinds.Deleted, [id],
            () => _table.DeleteEntityAsync(TableKeys.Bucket(id), TableKeys.Escape(id), ETag.All, cancellationToken), cancellationToken);
        Deleted?.Invoke(id);
    }

    /// <summary>Every profile: a read of the whole table, for start-up and the rare full resync (changes come from the <see cref="ChangeLog"/>).</summary>
    public async IAsyncEnumerable<Peer> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>
    /// The profiles of one Teams tenant (its members and its guests). A filtered scan of the whole table: used only
    /// when a tenant removes or reinstalls PeerBot, or its retention ends, never on a member's turn.
    /// </summary>
    public async IAsyncEnumerable<StoredPeer> ListInTenantAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = "tenant:" + tenantId.Trim().ToLowerInvariant();
        var filter = TableClient.CreateQueryFilter($"TenantId eq {tenantId} or OrganizationKey eq {key}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var peer = FromEntity(entity);
            if (string.Equals(peer.Facts.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                yield return new StoredPeer(peer, entity.ETag);
            }
        }
    }

    /// <summary>True when no profile exists yet (used to decide whether to load the demo network).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return false;
        }
        return true;
    }

    /// <summary>The row a profile is stored as (also for bulk imports that write in batches).</summary>
    public static TableEntity ToEntity(Peer p) => new(TableKeys.Bucket(p.Id), TableKeys.Escape(p.Id))
    {
        ["Id"] = p.Id,
        ["Name"] = p.Name,
        ["Title"] = p.Title,
        ["Organization"] = p.Organization,
        ["OrganizationKey"] = p.OrganizationKey,
        ["Headcount"] = p.Headcount,
        ["Industry"] = p.Industry,
        ["TimeZone"] = p.TimeZone,
        ["Topics"] = JsonSerializer.Serialize(p.Topics),
        ["Discoverable"] = p.Discoverable,
        ["Email"] = p.Email,
        ["Upn"] = p.Upn,
        ["TenantId"] = p.TenantId,
        ["IsGuest"] = p.IsGuest,
        ["PreferredContact"] = p.PreferredContact,
        ["MeetingMinutes"] = p.MeetingMinutes,
        ["MeetingLink"] = p.MeetingLink,
        ["Channel"] = p.Channel,
        ["IsDemo"] = p.IsDemo,
        ["UpdatedAt"] = p.UpdatedAt,
        ["WithheldSince"] = p.WithheldSince,
        ["DiscoverableOnReturn"] = p.DiscoverableOnReturn,
    };

    private Peer FromEntity(TableEntity e) => _policy.Apply(Read(e));

    private static Peer Read(TableEntity e) => new()
    {
        Id = e.GetString("Id"),
        Name = e.GetString("Name") ?? "",
        Title = e.GetString("Title") ?? "",
        Organization = e.GetString("Organization") ?? "",
        OrganizationKey = e.GetString("OrganizationKey") ?? "",
        Headcount = e.GetInt32("Headcount") ?? 0,
        Industry = e.GetString("Industry") ?? "",
        TimeZone = e.GetString("TimeZone") ?? "UTC",
        Topics = JsonSerializer.Deserialize<string[]>(e.GetString("Topics") ?? "[]") ?? [],
        Discoverable = e.GetBoolean("Discoverable") ?? false,
        Email = e.GetString("Email"),
        Upn = e.GetString("Upn"),
        TenantId = e.GetString("TenantId"),
        IsGuest = e.GetBoolean("IsGuest") ?? false,
        PreferredContact = e.GetString("PreferredContact") ?? "",
        MeetingMinutes = e.GetInt32("MeetingMinutes") is { } minutes && Peer.MeetingLengths.Contains(minutes) ? minutes : Peer.DefaultMeetingMinutes,
        MeetingLink = e.GetString("MeetingLink") ?? "",
        Channel = e.GetString("Channel") ?? "msteams",
        IsDemo = e.GetBoolean("IsDemo") ?? false,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        WithheldSince = e.GetDateTimeOffset("WithheldSince"),
        DiscoverableOnReturn = e.GetBoolean("DiscoverableOnReturn") ?? false,
    };
}

public sealed record StoredPeer(Peer Peer, ETag ETag);
