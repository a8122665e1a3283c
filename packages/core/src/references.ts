// The published works first-party nodes implement, one constant per paper, so that a paper
// cited by nodes of several plugins (GRPO: samplers and objectives; DAPO: objectives and rewards)
// is written once. Plugins import them from `@sous/core/references`; a third-party plugin may cite
// the same constants, and `sous papers` groups nodes by a reference's url. Titles, authors, years
// and links were checked against each paper's arXiv, proceedings or publisher page.
import type { Reference } from './plugin.js';

// Policy gradient, advantages and masks.

export const PPO: Reference = {
  title: 'Proximal Policy Optimization Algorithms',
  authors: 'John Schulman, Filip Wolski, Prafulla Dhariwal, et al.',
  year: 2017,
  url: 'https://arxiv.org/abs/1707.06347',
};

export const REINFORCE: Reference = {
  title: 'Simple Statistical Gradient-Following Algorithms for Connectionist Reinforcement Learning',
  authors: 'Ronald J. Williams',
  year: 1992,
  url: 'https://doi.org/10.1007/BF00992696',
};

export const DUAL_CLIP_PPO: Reference = {
  title: 'Mastering Complex Control in MOBA Games with Deep Reinforcement Learning',
  authors: 'Deheng Ye, Zhao Liu, Mingfei Sun, et al.',
  year: 2020,
  url: 'https://arxiv.org/abs/1912.09729',
};

/** A blog post, not a paper: the k1, k2 and k3 estimators of KL from samples. */
export const KL_APPROXIMATION: Reference = {
  title: 'Approximating KL Divergence',
  authors: 'John Schulman',
  year: 2020,
  url: 'http://joschu.net/blog/kl-approx.html',
};

export const GRPO: Reference = {
  title: 'DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models',
  authors: 'Zhihong Shao, Peiyi Wang, Qihao Zhu, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2402.03300',
};

export const DR_GRPO: Reference = {
  title: 'Understanding R1-Zero-Like Training: A Critical Perspective',
  authors: 'Zichen Liu, Changyu Chen, Wenjun Li, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2503.20783',
};

export const DAPO: Reference = {
  title: 'DAPO: An Open-Source LLM Reinforcement Learning System at Scale',
  authors: 'Qiying Yu, Zheng Zhang, Ruofei Zhu, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2503.14476',
};

export const GSPO: Reference = {
  title: 'Group Sequence Policy Optimization',
  authors: 'Chujie Zheng, Shixuan Liu, Mingze Li, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2507.18071',
};

export const RLOO: Reference = {
  title: 'Back to Basics: Revisiting REINFORCE Style Optimization for Learning from Human Feedback in LLMs',
  authors: 'Arash Ahmadian, Chris Cremer, Matthias Gallé, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2402.14740',
};

export const REINFORCE_PLUS_PLUS: Reference = {
  title: 'REINFORCE++: A Simple and Efficient Approach for Aligning Large Language Models',
  authors: 'Jian Hu',
  year: 2025,
  url: 'https://arxiv.org/abs/2501.03262',
};

export const NEGATIVE_REINFORCEMENT: Reference = {
  title: 'The Surprising Effectiveness of Negative Reinforcement in LLM Reasoning',
  authors: 'Xinyu Zhu, Mengzhou Xia, Zhepei Wei, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2506.01347',
};

export const TOPR: Reference = {
  title: 'Tapered Off-Policy REINFORCE: Stable and efficient reinforcement learning for LLMs',
  authors: 'Nicolas Le Roux, Marc G. Bellemare, Jonathan Lebensold, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2503.14286',
};

export const PREFIX_RFT: Reference = {
  title: 'Blending Supervised and Reinforcement Fine-Tuning with Prefix Sampling',
  authors: 'Zeyu Huang, Tianhao Cheng, Zihan Qiu, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2507.01679',
};

export const HIGH_ENTROPY_TOKENS: Reference = {
  title: 'Beyond the 80/20 Rule: High-Entropy Minority Tokens Drive Effective Reinforcement Learning for LLM Reasoning',
  authors: 'Shenzhi Wang, Le Yu, Chang Gao, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2506.01939',
};

export const PASS_AT_K: Reference = {
  title: 'Evaluating Large Language Models Trained on Code',
  authors: 'Mark Chen, Jerry Tworek, Heewoo Jun, et al.',
  year: 2021,
  url: 'https://arxiv.org/abs/2107.03374',
};

// Preference optimisation.

export const DPO: Reference = {
  title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
  authors: 'Rafael Rafailov, Archit Sharma, Eric Mitchell, et al.',
  year: 2023,
  url: 'https://arxiv.org/abs/2305.18290',
};

export const IPO: Reference = {
  title: 'A General Theoretical Paradigm to Understand Learning from Human Preferences',
  authors: 'Mohammad Gheshlaghi Azar, et al.',
  year: 2023,
  url: 'https://arxiv.org/abs/2310.12036',
};

export const SLIC_HF: Reference = {
  title: 'SLiC-HF: Sequence Likelihood Calibration with Human Feedback',
  authors: 'Yao Zhao, Rishabh Joshi, Tianqi Liu, et al.',
  year: 2023,
  url: 'https://arxiv.org/abs/2305.10425',
};

// Models.

export const GPT2: Reference = {
  title: 'Language Models are Unsupervised Multitask Learners',
  authors: 'Alec Radford, Jeffrey Wu, Rewon Child, et al.',
  year: 2019,
  url: 'https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf',
};

export const TRANSFORMER: Reference = {
  title: 'Attention Is All You Need',
  authors: 'Ashish Vaswani, Noam Shazeer, Niki Parmar, et al.',
  year: 2017,
  url: 'https://arxiv.org/abs/1706.03762',
};

// Weight-space operations: merging, task vectors, grafting, adapters.

export const TASK_ARITHMETIC: Reference = {
  title: 'Editing Models with Task Arithmetic',
  authors: 'Gabriel Ilharco, Marco Tulio Ribeiro, Mitchell Wortsman, et al.',
  year: 2023,
  url: 'https://arxiv.org/abs/2212.04089',
};

export const ATLAS: Reference = {
  title: 'Knowledge Composition using Task Vectors with Learned Anisotropic Scaling',
  authors: 'Frederic Z. Zhang, Paul Albert, Cristian Rodriguez-Opazo, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2407.02880',
};

export const SKILL_LOCALIZATION: Reference = {
  title: 'Task-Specific Skill Localization in Fine-tuned Language Models',
  authors: 'Abhishek Panigrahi, Nikunj Saunshi, Haoyu Zhao, et al.',
  year: 2023,
  url: 'https://arxiv.org/abs/2302.06600',
};

export const CORDA: Reference = {
  title:
    'CorDA: Context-Oriented Decomposition Adaptation of Large Language Models for Task-Aware Parameter-Efficient Fine-tuning',
  authors: 'Yibo Yang, Xiaojie Li, Zhongzhu Zhou, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2406.05223',
};

export const LORA: Reference = {
  title: 'LoRA: Low-Rank Adaptation of Large Language Models',
  authors: 'Edward J. Hu, Yelong Shen, Phillip Wallis, et al.',
  year: 2022,
  url: 'https://arxiv.org/abs/2106.09685',
};

export const BALANCED_ACTOR_INIT: Reference = {
  title: 'Balanced Actor Initialization: Stable RLHF Training of Distillation-Based Reasoning Models',
  authors: 'Chen Zheng, Yiyuan Ma, Yuan Yang, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2509.00309',
};

// Rewards.

export const RLCR: Reference = {
  title: 'Beyond Binary Rewards: Training LMs to Reason About Their Uncertainty',
  authors: 'Mehul Damani, Isha Puri, Stewart Slocum, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2507.16806',
};

export const REWARD_TRANSFORMS: Reference = {
  title: 'Transforming and Combining Rewards for Aligning Large Language Models',
  authors: 'Zihao Wang, Chirag Nagpal, Jonathan Berant, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2402.00742',
};

export const GDPO: Reference = {
  title: 'GDPO: Group reward-Decoupled Normalization Policy Optimization for Multi-reward RL Optimization',
  authors: 'Shih-Yang Liu, Xin Dong, Ximing Lu, et al.',
  year: 2026,
  url: 'https://arxiv.org/abs/2601.05242',
};

// Diffusion.

export const DENOISING_SCORE_MATCHING: Reference = {
  title: 'A Connection Between Score Matching and Denoising Autoencoders',
  authors: 'Pascal Vincent',
  year: 2011,
  url: 'https://doi.org/10.1162/NECO_a_00142',
};

export const NN_SCORE_ESTIMATION: Reference = {
  title: 'Neural Network-Based Score Estimation in Diffusion Models: Optimization and Generalization',
  authors: 'Yinbin Han, Meisam Razaviyayn, Renyuan Xu',
  year: 2024,
  url: 'https://arxiv.org/abs/2401.15604',
};

export const DDPM: Reference = {
  title: 'Denoising Diffusion Probabilistic Models',
  authors: 'Jonathan Ho, Ajay Jain, Pieter Abbeel',
  year: 2020,
  url: 'https://arxiv.org/abs/2006.11239',
};

export const DDIM: Reference = {
  title: 'Denoising Diffusion Implicit Models',
  authors: 'Jiaming Song, Chenlin Meng, Stefano Ermon',
  year: 2021,
  url: 'https://openreview.net/forum?id=St1giarCHLP',
};

export const IMPROVED_DDPM: Reference = {
  title: 'Improved Denoising Diffusion Probabilistic Models',
  authors: 'Alex Nichol, Prafulla Dhariwal',
  year: 2021,
  url: 'https://arxiv.org/abs/2102.09672',
};

export const SCORE_SDE: Reference = {
  title: 'Score-Based Generative Modeling through Stochastic Differential Equations',
  authors: 'Yang Song, Jascha Sohl-Dickstein, Diederik P. Kingma, et al.',
  year: 2021,
  url: 'https://arxiv.org/abs/2011.13456',
};

export const EDM: Reference = {
  title: 'Elucidating the Design Space of Diffusion-Based Generative Models',
  authors: 'Tero Karras, Miika Aittala, Timo Aila, et al.',
  year: 2022,
  url: 'https://arxiv.org/abs/2206.00364',
};

export const CLASSIFIER_FREE_GUIDANCE: Reference = {
  title: 'Classifier-Free Diffusion Guidance',
  authors: 'Jonathan Ho, Tim Salimans',
  year: 2022,
  url: 'https://arxiv.org/abs/2207.12598',
};

export const BESO: Reference = {
  title: 'Goal-Conditioned Imitation Learning using Score-based Diffusion Policies',
  authors: 'Moritz Reuss, Maximilian Li, Xiaogang Jia, et al.',
  year: 2023,
  url: 'https://arxiv.org/abs/2304.02532',
};

export const GAUSSIAN_SCORE: Reference = {
  title: 'The Unreasonable Effectiveness of Gaussian Score Approximation for Diffusion Models and its Applications',
  authors: 'Binxu Wang, John J. Vastola',
  year: 2024,
  url: 'https://arxiv.org/abs/2412.09726',
};

export const FEYNMAN_KAC_CORRECTORS: Reference = {
  title: 'Feynman-Kac Correctors in Diffusion: Annealing, Guidance, and Product of Experts',
  authors: 'Marta Skreta, Tara Akhound-Sadegh, Viktor Ohanesian, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2503.02819',
};

export const DALE_MEETS_LANGEVIN: Reference = {
  title: 'Dale meets Langevin: A Multiplicative Denoising Diffusion Model',
  authors: 'Nishanth Shetty, Madhava Prasath, Chandra Sekhar Seelamantula',
  year: 2025,
  url: 'https://arxiv.org/abs/2510.02730',
};

// Sample metrics.

export const MMD: Reference = {
  title: 'A Kernel Two-Sample Test',
  authors: 'Arthur Gretton, Karsten M. Borgwardt, Malte J. Rasch, et al.',
  year: 2012,
  url: 'https://jmlr.org/papers/v13/gretton12a.html',
};

export const SLICED_WASSERSTEIN: Reference = {
  title: 'Sliced and Radon Wasserstein Barycenters of Measures',
  authors: 'Nicolas Bonneel, Julien Rabin, Gabriel Peyré, et al.',
  year: 2015,
  url: 'https://doi.org/10.1007/s10851-014-0506-3',
};

// Symbolic music: tokenizations, generation and evaluation.

export const POP_MUSIC_TRANSFORMER: Reference = {
  title: 'Pop Music Transformer: Beat-based Modeling and Generation of Expressive Pop Piano Compositions',
  authors: 'Yu-Siang Huang, Yi-Hsuan Yang',
  year: 2020,
  url: 'https://arxiv.org/abs/2002.00212',
};

export const COMPOUND_WORD_TRANSFORMER: Reference = {
  title: 'Compound Word Transformer: Learning to Compose Full-Song Music over Dynamic Directed Hypergraphs',
  authors: 'Wen-Yi Hsiao, Jen-Yu Liu, Yin-Cheng Yeh, et al.',
  year: 2021,
  url: 'https://arxiv.org/abs/2101.02402',
};

export const THEME_TRANSFORMER: Reference = {
  title: 'Theme Transformer: Symbolic Music Generation with Theme-Conditioned Transformer',
  authors: 'Yi-Jen Shih, Shih-Lun Wu, Frank Zalkow, et al.',
  year: 2022,
  url: 'https://arxiv.org/abs/2111.04093',
};

// Symbolic music.

export const BOOTLEG_SCORE: Reference = {
  title: 'Using Cell Phone Pictures of Sheet Music To Retrieve MIDI Passages',
  authors: 'TJ Tsai, et al.',
  year: 2020,
  url: 'https://arxiv.org/abs/2004.11724',
};

export const PBSCR: Reference = {
  title: 'PBSCR: The Piano Bootleg Score Composer Recognition Dataset',
  authors: 'Arhan Jain, Alec Bunn, Austin Pham, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2401.16803',
};

export const LEAD_SHEETS_WITH_AFFECT: Reference = {
  title: 'Generating Lead Sheets with Affect: A Novel Conditional seq2seq Framework',
  authors: 'Dimos Makris, Kat R. Agres, Dorien Herremans',
  year: 2021,
  url: 'https://arxiv.org/abs/2104.13056',
};

export const MUSPY: Reference = {
  title: 'MusPy: A Toolkit for Symbolic Music Generation',
  authors: 'Hao-Wen Dong, Ke Chen, Julian McAuley, et al.',
  year: 2020,
  url: 'https://arxiv.org/abs/2008.01951',
};

export const JAZZ_TRANSFORMER: Reference = {
  title:
    'The Jazz Transformer on the Front Line: Exploring the Shortcomings of AI-composed Music through Quantitative Measures',
  authors: 'Shih-Lun Wu, Yi-Hsuan Yang',
  year: 2020,
  url: 'https://arxiv.org/abs/2008.01307',
};

export const EVALUATING_MUSIC_GENERATORS: Reference = {
  title: 'On the evaluation of generative models in music',
  authors: 'Li-Chia Yang, Alexander Lerch',
  year: 2020,
  url: 'https://doi.org/10.1007/s00521-018-3849-7',
};

// Provenance and diffusion unlearning (@sous/unlearning).

export const PALIMPSESTIC_PROVENANCE: Reference = {
  title: 'Blackbox Model Provenance via Palimpsestic Membership Inference',
  authors: 'Rohith Kuditipudi, Jing Huang, Sally Zhu, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2510.19796',
};

export const SCORE_FORGETTING_DISTILLATION: Reference = {
  title: 'Score Forgetting Distillation: A Swift, Data-Free Method for Machine Unlearning in Diffusion Models',
  authors: 'Tianqi Chen, Shujian Zhang, Mingyuan Zhou',
  year: 2024,
  url: 'https://arxiv.org/abs/2409.11219',
};

export const SCORE_IDENTITY_DISTILLATION: Reference = {
  title:
    'Score identity Distillation: Exponentially Fast Distillation of Pretrained Diffusion Models for One-Step Generation',
  authors: 'Mingyuan Zhou, Huangjie Zheng, Zhendong Wang, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2404.04057',
};

// Unlearning: methods, benchmarks and membership-inference attacks.

export const NPO: Reference = {
  title: 'Negative Preference Optimization: From Catastrophic Collapse to Effective Unlearning',
  authors: 'Ruiqi Zhang, Licong Lin, Yu Bai, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2404.05868',
};

export const SIMNPO: Reference = {
  title: 'Simplicity Prevails: Rethinking Negative Preference Optimization for LLM Unlearning',
  authors: 'Chongyu Fan, Jiancheng Liu, Licong Lin, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2410.07163',
};

export const WMDP_RMU: Reference = {
  title: 'The WMDP Benchmark: Measuring and Reducing Malicious Use With Unlearning',
  authors: 'Nathaniel Li, Alexander Pan, Anjali Gopal, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2403.03218',
};

export const TOFU: Reference = {
  title: 'TOFU: A Task of Fictitious Unlearning for LLMs',
  authors: 'Pratyush Maini, Zhili Feng, Avi Schwarzschild, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2401.06121',
};

export const MUSE: Reference = {
  title: 'MUSE: Machine Unlearning Six-Way Evaluation for Language Models',
  authors: 'Weijia Shi, Jaechan Lee, Yangsibo Huang, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2407.06460',
};

export const MIN_K_PERCENT: Reference = {
  title: 'Detecting Pretraining Data from Large Language Models',
  authors: 'Weijia Shi, Anirudh Ajith, Mengzhou Xia, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2310.16789',
};

export const MIN_K_PERCENT_PLUS_PLUS: Reference = {
  title: 'Min-K%++: Improved Baseline for Detecting Pre-Training Data from Large Language Models',
  authors: 'Jingyang Zhang, Jingwei Sun, Eric Yeats, et al.',
  year: 2024,
  url: 'https://arxiv.org/abs/2404.02936',
};

export const TRAINING_DATA_EXTRACTION: Reference = {
  title: 'Extracting Training Data from Large Language Models',
  authors: 'Nicholas Carlini, Florian Tramèr, Eric Wallace, et al.',
  year: 2021,
  url: 'https://arxiv.org/abs/2012.07805',
};

export const LOSS_MEMBERSHIP_INFERENCE: Reference = {
  title: 'Privacy Risk in Machine Learning: Analyzing the Connection to Overfitting',
  authors: 'Samuel Yeom, Irene Giacomelli, Matt Fredrikson, et al.',
  year: 2018,
  url: 'https://arxiv.org/abs/1709.01604',
};

export const EXTRACTION_STRENGTH: Reference = {
  title: 'Towards Effective Evaluations and Comparisons for LLM Unlearning Methods',
  authors: 'Qizhou Wang, Bo Han, Puning Yang, et al.',
  year: 2025,
  url: 'https://arxiv.org/abs/2406.09179',
};
