using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PeerBot.Conversations;

namespace PeerBot.Profiles;

public static class ProfilesSetup
{
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddOptions<OrganizationOptions>().BindConfiguration(OrganizationOptions.Section).ValidateOnStart();
        services.AddSingleton(sp => PolicyFrom(sp.GetRequiredService<IOptions<OrganizationOptions>>().Value, sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<ProfileContacts>();
        services.TryAddSingleton<MemberProfiles>();
        services.AddSingleton<Privacy.IMemberData, ProfileData>();
        services.AddSingleton<Privacy.ITenantMembers, TenantMembers>();
        services.AddSingleton<ProfileEditor>();
        services.AddSingleton<IOnboarding, Onboarding>();
        services.AddSingleton<IChatCommand, ProfileCommand>();
        services.AddSingleton<IChatCommand, PrivacyCommand>();
        services.AddSingleton<ICardAction, SaveProfileAction>();
        services.AddSingleton<ICardAction, EditProfileAction>();
        services.AddSingleton<ICardAction, CancelProfileAction>();
        return services;
    }

    /// <summary>
    /// The rule in force. Community tenants come as a list (<c>Organizations:CommunityTenants:0</c>, …) or as one value
    /// separated by commas or spaces (<c>Organizations__CommunityTenants=a,b</c>), as app settings often are.
    /// </summary>
    private static OrganizationPolicy PolicyFrom(OrganizationOptions options, IConfiguration configuration)
    {
        var single = configuration[$"{OrganizationOptions.Section}:{nameof(OrganizationOptions.CommunityTenants)}"] ?? "";
        var listed = single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new OrganizationPolicy(options.IdentifyBy, options.CommunityTenants.Concat(listed));
    }
}
