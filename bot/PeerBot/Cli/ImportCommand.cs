using Azure;
using Azure.Data.Tables;
using PeerBot.Profiles;
using PeerBot.Storage;

namespace PeerBot.Cli;

/// <summary>
/// <c>import --file FILE</c>: loads members into Table Storage. A member is identified by id, so importing a
/// file twice updates rather than duplicates, and a row that changes nothing is not written again.
/// A member's own choice to be hidden (Discoverable = false) survives a re-import.
/// </summary>
internal static class ImportCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal) { "--file" };

    public static async Task<int> RunAsync(CliArguments args, StorageOptions storage, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var path = args.Required("--file");
        var file = MemberCsv.ReadFile(path, DateTimeOffset.UtcNow);
        SearchCommand.Report(file, stderr);

        var service = new TableServiceClient(storage.ConnectionString, new TableClientOptions
        {
            Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10) },
        });
        var names = new TableNames(storage.TablePrefix);
        await service.GetTableClient(names.Profiles).CreateIfNotExistsAsync(cancellationToken);
        await service.GetTableClient(names.Changes).CreateIfNotExistsAsync(cancellationToken);
        // Each imported profile is announced like any other write, so running bots pick it up without a full read.
        var store = new ProfileStore(service, names, new ChangeLog(service, names, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new ChangeLogOptions())));

        int added = 0, updated = 0, unchanged = 0;
        foreach (var member in file.Members)
        {
            switch (await SaveAsync(store, member, cancellationToken))
            {
                case Outcome.Added: added++; break;
                case Outcome.Updated: updated++; break;
                default: unchanged++; break;
            }
        }
        var skipped = file.BadRows.Count;
        stdout.WriteLine($"Imported {path}: {added} added, {updated} updated, {unchanged} unchanged, {skipped} bad {(skipped == 1 ? "row" : "rows")} skipped.");
        return 0;
    }

    private enum Outcome { Added, Updated, Unchanged }

    private static async Task<Outcome> SaveAsync(ProfileStore store, Peer member, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await store.GetAsync(member.Id, cancellationToken);
            try
            {
                if (existing is null)
                {
                    await store.SaveAsync(member, null, cancellationToken);
                    return Outcome.Added;
                }
                var merged = member with { Discoverable = existing.Peer.Discoverable };
                if (SameProfile(existing.Peer, merged))
                {
                    return Outcome.Unchanged;
                }
                await store.SaveAsync(merged, existing.ETag, cancellationToken);
                return Outcome.Updated;
            }
            catch (ConcurrentEditException) when (attempt < 3)
            {
                // Someone else wrote the row between our read and write: read it again.
            }
        }
    }

    private static bool SameProfile(Peer a, Peer b) =>
        a.Id == b.Id && a.Name == b.Name && a.Title == b.Title && a.Organization == b.Organization
        && a.OrganizationKey == b.OrganizationKey && a.Headcount == b.Headcount && a.Industry == b.Industry
        && a.TimeZone == b.TimeZone && a.Topics.SequenceEqual(b.Topics) && a.Discoverable == b.Discoverable
        && a.Email == b.Email && a.Channel == b.Channel && a.IsDemo == b.IsDemo;

    internal static bool IsStorageFailure(Exception e) => e is RequestFailedException or HttpRequestException or AggregateException or TimeoutException;
}
