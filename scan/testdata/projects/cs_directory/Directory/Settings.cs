namespace Directory;

public static class Settings
{
    public const string ZoomBase = "https://api.zoom.us/v2";
    public const string StripeBase = "https://api.stripe.com/v1";
}
