using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PeerBot.Storage;

namespace PeerBot.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>How long the members of a tenant that removed PeerBot are kept (hidden) before they are erased.</summary>
    public int UninstalledTenantRetentionDays { get; set; } = 30;

    /// <summary>How often each instance looks for tenants whose retention ended (and refreshes which tenants left).</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Tenants that removed PeerBot everywhere (the channel edge decides when that is). Their members' profiles leave
/// search at once and come back if the tenant installs PeerBot again; after
/// <see cref="PrivacyOptions.UninstalledTenantRetentionDays"/> they are erased like a member's own "forget". Which
/// tenants have left is one small partition, held in memory by every instance and re-read at each sweep, so a turn
/// never reads storage to learn it.
/// </summary>
public sealed partial class UninstalledTenants(
    TableServiceClient service,
    TableNames names,
    ITenantMembers members,
    MemberDataExport data,
    TimeProvider clock,
    IOptions<PrivacyOptions> options,
    ILogger<UninstalledTenants> logger) : BackgroundService
{
    private const string Partition = "tenant";
    private readonly TableClient _table = service.GetTableClient(names.UninstalledTenants);
    private volatile HashSet<string> _gone = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Retention => TimeSpan.FromDays(Math.Max(0, options.Value.UninstalledTenantRetentionDays));

    /// <summary>Whether this instance knows the tenant to have left (memory only).</summary>
    public bool IsUninstalled(string? tenantId) => tenantId is { Length: > 0 } && _gone.Contains(tenantId);

    /// <summary>The tenant removed PeerBot everywhere: remembered, and its members hidden from search.</summary>
    public async Task MarkAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, TableKeys.Escape(tenantId)) { ["TenantId"] = tenantId, ["UninstalledAt"] = now }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already remembered: its retention keeps counting from the first removal.
        }
        Update(tenantId, gone: true);
        var hidden = await members.WithholdAsync(tenantId, now, cancellationToken);
        LogUninstalled(logger, hidden);
    }

    /// <summary>The tenant is back (an install, or a member's turn): forgotten as gone, and its members listed as they chose.</summary>
    public async Task ReturnAsync(string tenantId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(tenantId), cancellationToken: cancellationToken);
        Update(tenantId, gone: false);
        if (!row.HasValue)
        {
            return;
        }
        var shown = await members.RestoreAsync(tenantId, cancellationToken);
        await _table.DeleteEntityAsync(Partition, row.Value!.RowKey, ETag.All, cancellationToken);
        LogReturned(logger, shown);
    }

    /// <summary>
    /// One pass: re-reads which tenants have left, and erases the members of those gone for longer than the
    /// retention. Returns how many members were erased.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var gone = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var due = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            gone.Add(row.GetString("TenantId") ?? row.RowKey);
            if (now - (row.GetDateTimeOffset("UninstalledAt") ?? now) >= Retention)
            {
                due.Add(row);
            }
        }
        _gone = gone;
        var erased = 0;
        foreach (var row in due)
        {
            var tenant = row.GetString("TenantId") ?? row.RowKey;
            var ids = new List<string>();
            await foreach (var id in members.MemberIdsAsync(tenant, cancellationToken))
            {
                ids.Add(id);
            }
            foreach (var id in ids)
            {
                await data.ForgetAsync(id, cancellationToken);
                erased++;
            }
            // Only now: a sweep that dies midway finds the tenant again next time.
            await _table.DeleteEntityAsync(Partition, row.RowKey, row.ETag, cancellationToken);
            Update(tenant, gone: false);
        }
        if (erased > 0)
        {
            LogErased(logger, erased, due.Count);
        }
        return erased;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RetentionSweepInterval;
        // PeriodicTimer takes at most about 49 days; anything longer means "rarely".
        using var timer = new PeriodicTimer(interval <= TimeSpan.Zero ? TimeSpan.FromHours(1) : interval > TimeSpan.FromDays(45) ? TimeSpan.FromDays(45) : interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage down: the next pass tries again; nothing is erased early.
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Update(string tenantId, bool gone)
    {
        var next = new HashSet<string>(_gone, StringComparer.OrdinalIgnoreCase);
        if (gone ? next.Add(tenantId) : next.Remove(tenantId))
        {
            _gone = next;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A tenant removed PeerBot: {Count} of its members are hidden from search")]
    private static partial void LogUninstalled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A tenant installed PeerBot again: {Count} of its members are listed again")]
    private static partial void LogReturned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention ended: erased {Count} members of {Tenants} tenants that removed PeerBot")]
    private static partial void LogErased(ILogger logger, int count, int tenants);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed ({ExceptionType}); it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string exceptionType);
}
