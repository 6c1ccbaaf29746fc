using PeerBot.Conversations;

namespace PeerBot.Privacy;

public static class PrivacySetup
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<MemberDataExport>();
        services.AddSingleton<IMemberData, ConversationRecords>();
        services.AddSingleton<IChatCommand, ExportCommand>();
        services.AddSingleton<IChatCommand, ForgetCommand>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);
        services.AddSingleton<UninstalledTenants>();
        services.AddHostedService(sp => sp.GetRequiredService<UninstalledTenants>());
        return services;
    }

    /// <summary>GET /privacy/export/{token}: the member's data as a JSON file, for a link the bot handed out.</summary>
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/privacy/export/{token}", async (string token, ExportLinks links, MemberDataExport data, CancellationToken cancellationToken) =>
        {
            if (links.Open(token) is not { } memberId)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This export link is not valid or has expired.", detail: "Ask PeerBot for a new one with 'peerbot export'.");
            }
            var export = await data.ExportAsync(memberId, cancellationToken);
            var bytes = System.Text.Encoding.UTF8.GetBytes(export.ToJsonString(Indented));
            return Results.File(bytes, "application/json", "peerbot-export.json");
        });
        return endpoints;
    }
}
