using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Privacy;

namespace PeerBot.Profiles;

/// <summary>The member's profile, for export and erasure.</summary>
public sealed class ProfileData(ProfileStore profiles) : IMemberData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Section => "profile";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var stored = await profiles.GetAsync(memberId, cancellationToken);
        return stored is null ? null : JsonSerializer.SerializeToNode(stored.Peer, Json);
    }

    public Task ForgetAsync(string memberId, CancellationToken cancellationToken) => profiles.DeleteAsync(memberId, cancellationToken);
}
