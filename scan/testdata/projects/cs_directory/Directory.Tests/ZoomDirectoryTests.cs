using Directory;

public class ZoomDirectoryTests
{
    public void ReadsSummary()
    {
        new ZoomDirectory(null).Call("users/summary");
    }
}
