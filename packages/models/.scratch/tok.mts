import { Tokenizer } from '@huggingface/tokenizers';
const wl = {
  version: '1.0', truncation: null, padding: null,
  added_tokens: [
    { id: 0, content: '[PAD]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    { id: 1, content: '[EOS]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
  ],
  normalizer: { type: 'Lowercase' }, pre_tokenizer: { type: 'Whitespace' }, post_processor: null,
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordLevel', vocab: { '[PAD]': 0, '[EOS]': 1, '[UNK]': 2, hello: 3, world: 4, '!': 5 }, unk_token: '[UNK]' },
};
const t = new Tokenizer(wl, { eos_token: '[EOS]', pad_token: '[PAD]' });
console.log(t.encode('Hello world! foo[EOS]'), t.encode('Hello world!', { add_special_tokens: false }));
console.log(JSON.stringify(t.decode([3, 4, 5, 1, 0])), JSON.stringify(t.decode([3, 4, 5, 1], { skip_special_tokens: true })));
console.log(t.get_vocab(true).size, t.token_to_id('[EOS]'));
const bpe = {
  version: '1.0', added_tokens: [{ id: 6, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
  normalizer: null, pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  post_processor: null, decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false,
    vocab: { a: 0, b: 1, 'Ġ': 2, ab: 3, 'Ġab': 4, c: 5 }, merges: ['a b', 'Ġ ab'] },
};
const b = new Tokenizer(bpe, {});
console.log(b.encode('abab ab c'), JSON.stringify(b.decode(b.encode('abab ab c').ids)));
try { new Tokenizer({ model: { type: 'Nope' } }, {}); } catch (e) { console.log('err', (e as Error).message); }
try { console.log(new Tokenizer({}, {}).encode('x')); } catch (e) { console.log('err2', (e as Error).message); }
