using System.Text.Json.Nodes;

namespace PeerBot.Privacy;

/// <summary>Runs every <see cref="IMemberData"/> for one member: the export file, and the erasure.</summary>
public sealed class MemberDataExport(IEnumerable<IMemberData> owners, TimeProvider clock)
{
    public async Task<JsonObject> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var export = new JsonObject
        {
            ["memberId"] = memberId,
            ["exportedAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var owner in owners)
        {
            export[owner.Section] = await owner.ExportAsync(memberId, cancellationToken);
        }
        return export;
    }

    /// <summary>Erases the member everywhere. Introductions go first, so pending ones are withdrawn while both profiles still exist.</summary>
    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        foreach (var owner in owners.OrderBy(o => o.Section == "introductions" ? 0 : 1))
        {
            await owner.ForgetAsync(memberId, cancellationToken);
        }
    }
}
