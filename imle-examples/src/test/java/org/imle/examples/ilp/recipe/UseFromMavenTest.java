package org.imle.examples.ilp.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a user's build is told and given agrees with the build: imle-bom lists every library module
 * of the reactor (each jar module that is not an application) at the reactor's version, and the
 * README's "Use it from Maven" block is what the consumer project, which CI builds against the
 * installed artifacts, declares.
 */
class UseFromMavenTest {

    /** The repository root, seen from the module's directory where Maven runs the tests. */
    private static final Path ROOT = Path.of("..");

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The text of the first direct child element of that name, or null. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static Element childElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String reactorVersion() throws Exception {
        return child(xml(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    }

    /** The jar modules of the reactor that are libraries: not marked imle.application=true. */
    private static TreeSet<String> libraryModules() throws Exception {
        TreeSet<String> libraries = new TreeSet<>();
        NodeList modules = xml(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            Element pom = xml(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
            String packaging = child(pom, "packaging");
            Element properties = childElement(pom, "properties");
            boolean application = properties != null && "true".equals(child(properties, "imle.application"));
            if ((packaging == null || packaging.equals("jar")) && !application) {
                libraries.add(child(pom, "artifactId"));
            }
        }
        return libraries;
    }

    @Test
    void theBomListsEveryLibraryModuleAtTheReactorsVersion() throws Exception {
        Element bom = xml(ROOT.resolve("imle-bom/pom.xml")).getDocumentElement();
        String version = reactorVersion();
        assertEquals(version, child(bom, "version"), "imle-bom's version");
        assertEquals(null, childElement(bom, "parent"), "imle-bom must not inherit imle-parent's dependencyManagement");
        TreeSet<String> listed = new TreeSet<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            assertEquals("org.imle", child(d, "groupId"), "the BOM pins org.imle artifacts only");
            assertEquals("${project.version}", child(d, "version"), child(d, "artifactId"));
            listed.add(child(d, "artifactId"));
        }
        assertEquals(libraryModules(), listed);
        assertTrue(listed.containsAll(List.of("imle-api", "imle-noise", "imle-solvers")), listed.toString());
    }

    @Test
    void theReadmesMavenBlockIsWhatTheConsumerProjectDeclares() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Use it from Maven");
        assertTrue(section >= 0, "README section 'Use it from Maven'");
        int from = readme.indexOf("```xml\n", section);
        String block = readme.substring(from + "```xml\n".length(), readme.indexOf("```", from + 6));
        String consumer = squeeze(Files.readString(ROOT.resolve("consumer/pom.xml"), StandardCharsets.UTF_8)
                .replace("${imle.version}", reactorVersion()));
        List<String> shown = new ArrayList<>();
        Matcher m = Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL).matcher(block);
        while (m.find()) {
            shown.add(squeeze(m.group()));
        }
        assertEquals(4, shown.size(), "the BOM import and three modules: " + shown);
        assertTrue(shown.get(0).contains("<artifactId>imle-bom</artifactId><version>" + reactorVersion() + "</version>"),
                shown.get(0));
        for (String dependency : shown) {
            assertTrue(consumer.contains(dependency), "consumer/pom.xml lacks the README's " + dependency);
        }
        Element consumerPom = xml(ROOT.resolve("consumer/pom.xml")).getDocumentElement();
        assertEquals(reactorVersion(), child(childElement(consumerPom, "properties"), "imle.version"));
    }

    /** Markup without the whitespace between tags. */
    private static String squeeze(String xml) {
        return xml.replaceAll(">\\s+<", "><").strip();
    }
}
