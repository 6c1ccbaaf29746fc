using PeerBot.Conversations;

namespace PeerBot.Profiles;

public static class ProfilesSetup
{
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<Privacy.IMemberData, ProfileData>();
        services.AddSingleton<ProfileEditor>();
        services.AddSingleton<IOnboarding, Onboarding>();
        services.AddSingleton<IChatCommand, ProfileCommand>();
        services.AddSingleton<IChatCommand, PrivacyCommand>();
        services.AddSingleton<ICardAction, SaveProfileAction>();
        services.AddSingleton<ICardAction, EditProfileAction>();
        services.AddSingleton<ICardAction, CancelProfileAction>();
        return services;
    }
}
