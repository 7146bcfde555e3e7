package io.signalbox.simulator.generation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ToolArgumentsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String WEATHER = """
            {"type":"object","properties":{
              "location":{"type":"string","description":"City name"},
              "unit":{"type":"string","enum":["celsius","fahrenheit"]},
              "days":{"type":"integer"}},
             "required":["location","unit"]}
            """;

    @Test
    void fillsTheRequiredPropertiesOnlyWithTheFirstEnumValueAndTheQuestionsLastWord() {
        JsonNode arguments = ToolArguments.forSchema(JSON.readTree(WEATHER), "What is the weather in Paris?");

        assertThat(arguments).isEqualTo(JSON.readTree("{\"location\":\"Paris\",\"unit\":\"celsius\"}"));
    }

    @Test
    void fillsEveryPropertyWhenTheSchemaListsNoneAsRequired() {
        JsonNode arguments = ToolArguments.forSchema(JSON.readTree("""
                {"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"},
                 "exact":{"type":"boolean"},"score":{"type":"number"},"tags":{"type":"array"}}}
                """), "find cheap flights");

        assertThat(arguments).isEqualTo(JSON.readTree("""
                {"query":"flights","limit":1,"exact":true,"score":1,"tags":[]}
                """));
    }

    @Test
    void buildsNestedObjectsAndOneItemOfADescribedArray() {
        JsonNode arguments = ToolArguments.forSchema(JSON.readTree("""
                {"type":"object","required":["order"],"properties":{"order":{"type":"object",
                 "required":["lines","rush"],"properties":{
                   "lines":{"type":"array","items":{"type":"object","required":["sku","qty"],
                     "properties":{"sku":{"type":"string"},"qty":{"type":"integer","minimum":5}}}},
                   "rush":{"type":["boolean","null"]}}}}}
                """), "order two lamps");

        assertThat(arguments).isEqualTo(JSON.readTree("""
                {"order":{"lines":[{"sku":"lamps","qty":5}],"rush":true}}
                """));
    }

    @Test
    void drawsFurtherStringsFromEarlierWordsAndFallsBackToExample() {
        String schema = """
                {"type":"object","properties":{"from":{"type":"string"},"to":{"type":"string"},
                 "via":{"type":"string"}}}
                """;

        assertThat(ToolArguments.forSchema(JSON.readTree(schema), "fly Oslo to Rome"))
                .isEqualTo(JSON.readTree("{\"from\":\"Rome\",\"to\":\"Oslo\",\"via\":\"fly\"}"));
        assertThat(ToolArguments.forSchema(JSON.readTree(schema), "?! a b"))
                .isEqualTo(JSON.readTree("{\"from\":\"example\",\"to\":\"example\",\"via\":\"example\"}"));
    }

    @Test
    void followsLocalReferencesAndTakesTheFirstAlternative() {
        JsonNode arguments = ToolArguments.forSchema(JSON.readTree("""
                {"type":"object","required":["address","when"],"$defs":{"Address":{"type":"object",
                 "required":["zip"],"properties":{"zip":{"type":"string","minLength":5,"maxLength":5}}}},
                 "properties":{"address":{"$ref":"#/$defs/Address"},
                   "when":{"anyOf":[{"type":"string","format":"date"},{"type":"null"}]}}}
                """), "ship it");

        assertThat(arguments).isEqualTo(JSON.readTree("{\"address\":{\"zip\":\"shipx\"},\"when\":\"2025-01-01\"}"));
    }

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"integer","minimum":10}                | 10
            {"type":"integer","exclusiveMinimum":1}        | 2
            {"type":"integer","maximum":0}                 | 0
            {"type":"number","minimum":2.5}                | 2.5
            {"type":"number","maximum":0.5}                | 0.5
            {"const":"fixed"}                              | "fixed"
            {"enum":[3,4]}                                 | 3
            """)
    void keepsValuesWithinTheSchemasBounds(String property, String expected) {
        JsonNode arguments = ToolArguments.forSchema(JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"value\":" + property + "}}"), "");

        assertThat(arguments.get("value")).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void answersAnEmptyObjectForNoParametersOrASchemaThatIsNoObject() {
        assertThat(ToolArguments.forSchema(JSON.createObjectNode(), "Hi there").isEmpty()).isTrue();
        assertThat(ToolArguments.forSchema(JSON.readTree("{\"type\":\"string\"}"), "Hi there").isEmpty()).isTrue();
    }

    @Test
    void stopsARecursiveSchemaInsteadOfRecursingForEver() {
        JsonNode arguments = ToolArguments.forSchema(JSON.readTree("""
                {"type":"object","required":["node"],"$defs":{"Node":{"type":"object","required":["child"],
                 "properties":{"child":{"$ref":"#/$defs/Node"}}}},"properties":{"node":{"$ref":"#/$defs/Node"}}}
                """), "tree");

        assertThat(arguments.at("/node/child/child").isObject()).isTrue();
    }

    @Test
    void drawsStringsFromTheLastUserMessageOfAConversation() {
        Prompt prompt = Prompt.of(new Prompt.Message("system", null, "You are a travel agent."),
                new Prompt.Message("user", null, "Book a hotel in Lisbon"),
                new Prompt.Message("assistant", null, "Which dates?"));
        Tool tool = new Tool("book", JSON.readTree("{\"type\":\"object\",\"properties\":{\"city\":{}}}"));

        assertThat(ToolArguments.forTool(tool, prompt)).isEqualTo(JSON.readTree("{\"city\":\"Lisbon\"}"));
    }
}
